"""The briefing's period: the days of its news, not of every date a reader or a historian recalls."""
from datetime import date
from pathlib import Path

from briefing.models import Briefing, Config, Document, Event, EventDate


def _event(n: int, day: str) -> Event:
    when = EventDate(date=day, precision="day" if len(day) == 10 else "year", text=day, basis="text")
    return Event(event_id=f"E{n}", type="statement", date=when, summary="", location=(), actors=(), weapons=(),
                 attributed_to=None, sources=("a",), source="a", start=0, end=1, sentence="", trigger="")


def _briefing(published: tuple[str | None, ...], days: tuple[str, ...]) -> Briefing:
    documents = tuple(Document(source=f"a{i}", path=Path(f"a{i}.txt"), text="x", title="x", published=p)
                      for i, p in enumerate(published))
    return Briefing(config=Config(inputs=(), out=Path("out"), as_of=date(2024, 6, 1)), documents=documents,
                    sentences=(), mentions=(), events=tuple(_event(i, d) for i, d in enumerate(days)),
                    figures=(), summaries=(), skipped=())


def test_a_date_far_from_the_articles_does_not_stretch_the_period():
    days = ("1787", "2011-02-10", "2011-03-19", "2011-08-21", "2012")
    assert _briefing(("2011-02-16", "2011-08-22"), days).period == ("2011-02-10", "2011-08-21")


def test_events_shortly_before_the_articles_count_and_without_dates_everything_does():
    assert _briefing(("2024-05-10",), ("2024-04-20", "2024-05-09")).period == ("2024-04-20", "2024-05-09")
    assert _briefing((None,), ("1787", "2011-02-10")).period == ("1787-01-01", "2011-02-10")
    assert _briefing(("2024-05-10",), ("1990",)).period == ("1990-01-01", "1990-12-31")  # none inside: all of them
