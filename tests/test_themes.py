"""Theme classifiers: the shipped model, training, evaluation, safe loading."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import minutes_nlp
from minutes_nlp import themes
from minutes_nlp.corpus import Example, read_examples
from minutes_nlp.errors import ModelError
from minutes_nlp.themes.evaluation import cross_validate, evaluate, score
from minutes_nlp.themes.features import FeatureConfig, analyze, char_features, word_features, words_of
from minutes_nlp.themes.linear import LinearConfig, _fit_linear
from minutes_nlp.themes.thresholds import best_f1_threshold

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "corpus" / "real"
AUTHORED = REPO / "corpus" / "authored"


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return read_examples([REAL, AUTHORED])


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory, corpus: list[Example]) -> Path:
    """A linear model trained on the corpus, saved to a temporary directory."""
    directory = tmp_path_factory.mktemp("model") / "themes"
    themes.train(corpus, engine="linear").save(directory)
    return directory


# --- the shipped model ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Words the seed minutes never use must still land on their theme.
        ("সকল শাখার আগত পত্র ই-ফাইলে গ্রহণ করে সাত দিনের মধ্যে নিষ্পত্তি করতে হবে।", "e_nothi"),
        ("উপজেলা পর্যায়ের দপ্তরসমূহ নতুন উদ্ভাবনী ধারণা প্রস্তাব আকারে জেলা কার্যালয়ে পাঠাবেন।", "innovation"),
        ("সকল দপ্তরের ওয়েবসাইটে কর্মকর্তাদের হালনাগাদ তালিকা প্রকাশ করতে হবে।", "portal_update"),
        ("মাধ্যমিক বিদ্যালয়ের শিক্ষকদের জন্য দুই দিনের কর্মশালা আয়োজন করা হবে।", "training"),
        ("ডিজিটাল ল্যাবের কম্পিউটারগুলো সচল রাখতে প্রধান শিক্ষকগণ ব্যবস্থা নিবেন।", "digital_lab"),
        ("জেলা প্রশাসনের ফেসবুক পেজে সরকারি সেবার তথ্য নিয়মিত প্রচার করা হবে।", "social_media"),
        ("আগামী ২৬ মার্চ মহান স্বাধীনতা ও জাতীয় দিবস যথাযোগ্য মর্যাদায় উদ্যাপন করতে হবে।", "event"),
        ("উপজেলা ভূমি অফিসে আগত সেবাগ্রহীতাদের অনলাইনে নামজারির আবেদন করতে সহায়তা দিতে হবে।", "citizen_service"),
    ],
)
def test_default_model_tags_unseen_wording(text: str, expected: str) -> None:
    labels = [t.label for t in themes.predict(text)]
    assert labels[0] == expected, labels


def test_tag_file_fills_themes_from_the_default_model() -> None:
    minutes = minutes_nlp.tag_file(REPO / "corpus" / "raw" / "rajshahi-2023-12.txt")
    assert all(d.themes for d in minutes.decisions)
    first = minutes.decisions[0]
    assert first.themes[0].label == "e_nothi" and 0.5 < first.themes[0].score <= 1.0
    assert [t.score for t in first.themes] == sorted((t.score for t in first.themes), reverse=True)


def test_tag_decision_fills_themes_and_uses_the_topic() -> None:
    decision = minutes_nlp.tag_decision("প্রশিক্ষণ কার্যক্রম অব্যাহত রাখতে হবে।", topic="জেলা পর্যায়ে বিভিন্ন প্রশিক্ষণ আয়োজনের তথ্য")
    assert decision.themes[0].label == "training"


def test_every_decision_gets_at_least_one_theme(small_model: Path) -> None:
    model = themes.load(small_model)
    predicted = model.predict(["সভায় আর কোন আলোচনা হয়নি।", "ধন্যবাদ জ্ঞাপন করা হয়।"])
    assert all(len(p) >= 1 for p in predicted)


# --- the linear engine -------------------------------------------------------------------------


def test_linear_inference_repeats_scikit_learn_exactly(corpus: list[Example]) -> None:
    """The numpy inference path gives the scores of the scikit-learn pipeline it was exported from."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.svm import LinearSVC

    config = LinearConfig()
    examples = corpus[:150]
    documents = [words_of(e.text, e.topic) for e in examples]
    target = np.array(["e_nothi" in e.labels for e in examples])
    exported = _fit_linear(documents, np.stack([target, ~target], axis=1), config)

    def vectorizer(features):  # the same features, through scikit-learn's own TF-IDF
        return TfidfVectorizer(analyzer=lambda words: features(words, config.features), sublinear_tf=True)

    union = FeatureUnion([("word", vectorizer(word_features)), ("char", vectorizer(char_features))])
    reference = make_pipeline(union, LinearSVC(C=config.C, class_weight=config.class_weight, random_state=config.seed))
    reference.fit(documents, target)
    held_out = [words_of(e.text, e.topic) for e in corpus[150:200]]
    np.testing.assert_allclose(exported.decision(held_out)[:, 0], reference.decision_function(held_out), rtol=1e-4, atol=1e-5)


def test_features_fold_spelling_variants() -> None:
    config = FeatureConfig()
    long_i, _ = analyze("জানুয়ারী মাসের প্রতিবেদন", None, config)
    short_i, _ = analyze("জানুয়ারি মাসের প্রতিবেদন", None, config)
    assert long_i == short_i
    _, hyphen = analyze("ই-নথি", None, config)
    _, joined = analyze("ইনথি", None, config)
    assert set(hyphen) == set(joined)
    words, _ = analyze("০৫/১২/২০২৩ তারিখের মধ্যে ক) দাখিল", None, config)
    assert words[:3] == ["তারিখের", "মধ্যে", "দাখিল"]


def test_words_come_from_the_project_tokenizer(corpus: list[Example]) -> None:
    """Tokenizing chunk by chunk (cached) gives the words of tokenizing the whole decision."""
    from minutes_nlp.themes.features import _FOLD, _HAS_LETTER, _LIST_MARKER, decision_document
    from minutes_nlp.tokenizing import tokenize

    for example in corpus[::7]:
        document = decision_document(example.text, example.topic)
        whole = [t.lower().translate(_FOLD) for t in tokenize(document) if _HAS_LETTER.search(t) and not _LIST_MARKER.match(t)]
        assert words_of(example.text, example.topic) == whole, example.id


def test_users_can_train_their_own_labels(tmp_path: Path) -> None:
    rows = [
        ("ডেঙ্গু প্রতিরোধে সকল উপজেলায় মশক নিধন অভিযান চালাতে হবে।", "health"),
        ("হাসপাতালে ডেঙ্গু রোগীদের জন্য পৃথক ওয়ার্ড চালু রাখতে হবে।", "health"),
        ("কমিউনিটি ক্লিনিকে ওষুধের মজুত নিয়মিত যাচাই করতে হবে।", "health"),
        ("টিকাদান কর্মসূচি সফল করতে স্বাস্থ্যকর্মীদের মাঠে থাকতে হবে।", "health"),
        ("বোরো মৌসুমে কৃষকদের মধ্যে সার ও বীজ বিতরণ নিশ্চিত করতে হবে।", "agriculture"),
        ("কৃষি অফিস সেচ পাম্পের বিদ্যুৎ সংযোগ দ্রুত নিশ্চিত করবে।", "agriculture"),
        ("আমন ধান কাটার মৌসুমে শ্রমিক সংকট নিরসনে ব্যবস্থা নিতে হবে।", "agriculture"),
        ("ফসলের পোকা দমনে কৃষকদের পরামর্শ দিতে উপসহকারী কৃষি কর্মকর্তাগণ মাঠে থাকবেন।", "agriculture"),
    ]
    csv_path = tmp_path / "own.csv"
    csv_path.write_text("text,labels,doc_id\n" + "".join(f'"{t}",{label},d{i}\n' for i, (t, label) in enumerate(rows)), encoding="utf-8")
    model = themes.train(read_examples(csv_path), engine="linear")
    assert model.labels == ["health", "agriculture"]
    assert themes.predict("জেলায় ডেঙ্গু রোগী বাড়ছে, হাসপাতালে শয্যা বাড়াতে হবে।", model=model)[0].label == "health"
    model.save(tmp_path / "own-model")
    assert themes.load(tmp_path / "own-model").labels == ["health", "agriculture"]


# --- thresholds and scoring ----------------------------------------------------------------------


def test_threshold_is_tuned_between_the_classes() -> None:
    y = np.array([0, 0, 0, 1, 1, 1], dtype=bool)
    scores = np.array([0.05, 0.1, 0.3, 0.6, 0.8, 0.9])
    threshold = best_f1_threshold(y, scores)
    assert 0.3 < threshold < 0.6
    assert best_f1_threshold(np.zeros(4, dtype=bool), np.array([0.1, 0.2, 0.3, 0.4])) == 0.5


def test_score_counts_precision_and_recall_per_label() -> None:
    from minutes_nlp.model import Theme

    gold = [Example("a", ["e_nothi"], id="1"), Example("b", ["training", "e_nothi"], id="2"), Example("c", ["event"], id="3")]
    predicted = [[Theme("e_nothi", 0.9)], [Theme("training", 0.8)], [Theme("e_nothi", 0.7)]]
    report = score(gold, predicted, labels=["e_nothi", "training", "event"])
    e_nothi = report.label("e_nothi")
    assert (e_nothi.precision, e_nothi.recall) == (0.5, 0.5)
    assert report.label("event").f1 == 0.0
    assert report.micro_precision == pytest.approx(2 / 3, abs=1e-4) and report.micro_recall == 0.5
    assert report.errors[0].id == "3"  # a wrong label with the highest score comes first


def test_evaluate_says_when_figures_are_not_held_out(small_model: Path, corpus: list[Example]) -> None:
    report = evaluate(themes.load(small_model), [e for e in corpus if e.source == "real"])
    assert report.notes and "not held-out" in report.notes[0]


def test_leave_one_document_out_meets_the_acceptance_figures(corpus: list[Example]) -> None:
    report, predictions = cross_validate(corpus, engine="linear")
    assert report.examples == 51 and len(predictions) == 51
    assert report.micro_f1 >= 0.85, report.micro_f1
    for label in ("e_nothi", "portal_update", "training", "innovation"):
        assert report.label(label).f1 >= 0.85, (label, report.label(label))


# --- safe loading ---------------------------------------------------------------------------------


def _copy(model: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(model, target)
    return target


def test_a_tampered_model_is_refused(small_model: Path, tmp_path: Path) -> None:
    model = _copy(small_model, tmp_path)
    spec = json.loads((model / "model.json").read_text(encoding="utf-8"))
    spec["thresholds"][0] = 0.0  # e.g. make every decision e_nothi
    (model / "model.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelError, match="model.json does not match the hash recorded at training time"):
        themes.load(model)


def test_a_model_without_manifest_is_refused(small_model: Path, tmp_path: Path) -> None:
    model = _copy(small_model, tmp_path)
    (model / "manifest.json").unlink()
    with pytest.raises(ModelError, match="no manifest.json"):
        themes.load(model)


def test_pickled_arrays_are_refused_even_with_a_matching_manifest(small_model: Path, tmp_path: Path) -> None:
    """An attacker who rewrites the manifest still cannot get a pickle loaded."""
    from minutes_nlp.themes import store

    model = _copy(small_model, tmp_path)
    arrays = store.read_arrays(model / "weights.npz")
    arrays["coef"] = np.array([{"payload": 1}], dtype=object)
    np.savez(model / "weights.npz", **arrays)  # object arrays are pickled inside .npy
    store.write_manifest(model)
    with pytest.raises(ModelError, match="plain numeric arrays"):
        themes.load(model)


def test_a_corpus_directory_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no manifest.json"):
        themes.load(REAL)


def test_spacy_engine_trains_from_the_config_and_round_trips(corpus: list[Example], tmp_path: Path) -> None:
    """The spaCy engine: trained through training/textcat_multilabel.cfg with the project's tokenizer."""
    from minutes_nlp.tokenizing import AdminTokenizer

    sample = [e for e in corpus if e.source == "authored"][::6]
    model = themes.train(sample, engine="spacy", max_epochs=3)
    assert isinstance(model._nlp.tokenizer, AdminTokenizer)
    assert model._nlp.pipe_names == ["textcat_multilabel"]
    model.save(tmp_path / "spacy-model")
    loaded = themes.load(tmp_path / "spacy-model")
    texts = [(e.text, e.topic) for e in corpus[:5]]
    np.testing.assert_allclose(loaded.predict_scores(texts), model.predict_scores(texts), atol=1e-6)
    config = (tmp_path / "spacy-model" / "pipeline" / "config.cfg").read_text(encoding="utf-8")
    assert "minutes_nlp.bn_admin_tokenizer.v1" in config
    # Tampering with spaCy's weights is caught by the manifest too.
    weights = next((tmp_path / "spacy-model" / "pipeline" / "textcat_multilabel").glob("model"))
    weights.write_bytes(weights.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="does not match the hash"):
        themes.load(tmp_path / "spacy-model")
