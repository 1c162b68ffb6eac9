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


def test_a_presenters_lines_are_not_summarised_but_a_column_in_the_first_person_is(tmp_path):
    transcript = ("CARL AZUZ, CNN STUDENT NEWS ANCHOR: Hey, and thank you for joining us today!\n"
                  "I'm Carl Azuz, launching you into CNN Student News with the news from Libya!\n"
                  "Libyan rebels said on Sunday that they had reached the centre of Tripoli after heavy fighting.\n"
                  "The Libyan government said the rebels were losing every battle around Tripoli on Sunday.\n"
                  "Colonel Gadhafi went on the radio in Tripoli on Sunday, urging his supporters to fight on.\n"
                  "We hope you'll join us tomorrow for more news from Libya and from Tripoli.\n")
    column = ("I have covered Libya for ten years and I have never seen Tripoli like this.\n"
              "I walked through the old city of Tripoli on Sunday and I saw the shops closed.\n"
              "I think the rebels in Tripoli will need months to govern the city.\n")
    for name, text in (("t.txt", transcript), ("c.txt", column)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    documents, _ = read((tmp_path,))
    chosen = {d.path.name: [s.text for s in summarise(d, ingest.distinct(ingest.sentences(d))).sentences] for d in documents}
    assert chosen["t.txt"] == ["Libyan rebels said on Sunday that they had reached the centre of Tripoli after heavy fighting.",
                               "The Libyan government said the rebels were losing every battle around Tripoli on Sunday.",
                               "Colonel Gadhafi went on the radio in Tripoli on Sunday, urging his supporters to fight on."]
    # nothing else to tell it with: the column is summarised in its own voice (its first line is its title)
    assert chosen["c.txt"] == ["I walked through the old city of Tripoli on Sunday and I saw the shops closed.",
                               "I think the rebels in Tripoli will need months to govern the city."]
