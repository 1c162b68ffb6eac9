from briefing.extract.summaries import summarise
from briefing.pipeline import read
from briefing.read import ingest


def test_seed_summaries_are_three_to_five_own_sentences_in_order(seeds):
    documents, _ = read((seeds,))
    for document in documents:
        sentences = ingest.distinct(ingest.sentences(document))
        summary = summarise(document, sentences)
        assert 3 <= len(summary.sentences) <= 5
        assert all(document.text[s.start:s.end] == s.text for s in summary.sentences)
        assert [s.start for s in summary.sentences] == sorted(s.start for s in summary.sentences)
        assert not any(s.text.startswith(("0 comments", "Post a Comment", "Read the original")) for s in summary.sentences)


def test_summary_is_deterministic(seeds):
    documents, _ = read((seeds / "001_3a2f32aede7024c5.txt",))
    sentences = ingest.distinct(ingest.sentences(documents[0]))
    assert summarise(documents[0], sentences) == summarise(documents[0], sentences)
