"""Which events lead the briefing, chosen from hand-made events of known weight."""
from briefing.corpus.salience import key_developments
from briefing.models import Event, EventDate, Quantity


def event(event_id: str, kind: str, day: str | None, sources: tuple[str, ...] = ("a",), basis: str = "text",
          summary: str = "") -> Event:
    when = EventDate(date=day, precision="day", text=day, basis=basis) if day else None
    return Event(event_id=event_id, type=kind, date=when, summary=summary, location=(), actors=(), weapons=(),
                 attributed_to=None, sources=sources, source=sources[0], start=0, end=1, sentence="", trigger="")


def ids(events) -> list[str]:
    return [e.event_id for e in events]


def test_one_event_of_each_kind_in_date_order():
    events = (event("E1", "strike", "2024-05-03"), event("E2", "strike", "2024-05-01", ("a", "b", "c")),
              event("E3", "aid_pledge", "2024-05-02"), event("E4", "statement", "2024-04-30"),
              event("E5", "deployment", "2024-05-04"), event("E6", "ground_advance", "2024-05-05"))
    assert ids(key_developments(events, ())) == ["E4", "E2", "E3", "E5", "E6"]  # E2, told by three, beats E1


def test_at_least_five_when_there_are_fewer_kinds():
    events = tuple(event(f"E{i}", "strike", f"2024-05-0{i}") for i in range(1, 8))
    chosen = key_developments(events, ())
    assert len(chosen) == 5 and ids(chosen) == sorted(ids(chosen))


def test_undated_events_are_never_key_and_a_figure_adds_weight():
    events = (event("E1", "statement", None), event("E2", "statement", "2024-05-01"), event("E3", "statement", "2024-05-02"))
    counted = Quantity(figure_id="F1", source="a", start=0, end=1, value=3, value_max=None, unit="drones", category="strike",
                       qualifier=None, phrase="3 drones", what="", event_id="E2")
    assert ids(key_developments(events, (counted,), limit=1)) == ["E2"]
    assert "E1" not in ids(key_developments(events, ()))


def test_at_most_the_limit():
    kinds = ("strike", "ground_advance", "policy_decision", "aid_pledge", "air_defense_intercept", "casualty_report",
             "deployment", "statement", "other")
    events = tuple(event(f"E{i}", k, f"2024-05-0{i + 1}") for i, k in enumerate(kinds))
    chosen = key_developments(events, ())
    assert len(chosen) == 8 and "E7" not in ids(chosen)  # the statement weighs least


def test_at_scale_the_key_developments_are_the_top_events_of_the_key_dates():
    from dataclasses import replace

    from briefing.corpus.salience import TABLE_EVENTS, most_salient
    from briefing.models import KeyDate

    events = tuple(replace(event(f"E{i:03d}", "statement", f"2024-05-{i % 28 + 1:02d}"), salience=i / 100)
                   for i in range(TABLE_EVENTS + 10))
    keys = (KeyDate(date="2024-05-03", rank=1, score=5.0, sentences=(), event_ids=("E002", "E030"), sources=("a",)),
            KeyDate(date="2024-05-01", rank=2, score=4.0, sentences=(), event_ids=("E000",), sources=("a",)))
    assert ids(key_developments(events, (), key_dates=keys)) == ["E000", "E002"]  # in date order
    shown = most_salient(events, keep=frozenset({"E000"}))
    assert len(shown) == TABLE_EVENTS and "E000" in ids(shown) and "E069" in ids(shown) and "E001" not in ids(shown)
    assert ids(shown) == sorted(ids(shown))


def test_at_scale_page_one_reaches_the_latest_key_date():
    from briefing.corpus.salience import from_key_dates
    from briefing.models import KeyDate
    events = tuple(event(f"E{i}", "strike", f"2024-05-{i:02d}") for i in range(1, 12))
    key_dates = tuple(KeyDate(date=f"2024-05-{i:02d}", rank=r, score=10.0 - r, sentences=(), event_ids=(f"E{i}",),
                              sources=("a",)) for r, i in enumerate([1, 2, 3, 4, 5, 11], 1))
    assert ids(from_key_dates(events, key_dates, limit=3)) == ["E1", "E2", "E11"]  # not E3: the story's latest day
    assert ids(from_key_dates(events, key_dates[:3], limit=3)) == ["E1", "E2", "E3"]


def test_an_event_told_in_the_narrators_own_voice_does_not_lead():
    events = (event("E1", "strike", "2024-05-01", ("a", "b", "c"), summary="I'm Carl Azuz, and we saw the strike on Misrata."),
              *(event(f"E{i}", "strike", f"2024-05-0{i}", summary="Rebels said a strike hit Misrata.") for i in range(2, 8)))
    assert "E1" not in ids(key_developments(events, ()))  # told by three, yet in the presenter's voice
    alone = (events[0],)
    assert ids(key_developments(alone, ())) == ["E1"]  # where nothing else is, it still leads
