"""Weekly builds: the window, background events, ISO-week names, latest.pdf, and what changed since last week."""
from __future__ import annotations

import json
from datetime import date

import pytest
from pypdf import PdfReader

from briefing.corpus import periods
from briefing.errors import ConfigError
from briefing.models import Config, Window
from briefing.pipeline import build

WEEK_46 = {
    "odesa.md": ("2024-11-13", "Russian missiles struck the port of Odesa on November 12, killing five people, officials said.\n"
                               "The governor said rescuers were still searching the rubble.\n"),
    "sumy.md": ("2024-11-14", "A glide bomb hit a hospital in Sumy on Wednesday, the regional administration said.\n"),
}
WEEK_47 = {
    "odesa-update.md": ("2024-11-19", "Russian missiles struck the port of Odesa on November 12, killing seven people, officials said.\n"
                                      "Drones struck the port of Izmail on Monday, injuring three dock workers, the governor said.\n"),
    "odesa-wire.md": ("2024-11-20", "Russian missiles struck the port of Odesa on November 12, killing seven people, officials said on Wednesday.\n"),
}


def write(folder, articles):
    folder.mkdir(exist_ok=True)
    for name, (published, text) in articles.items():
        (folder / name).write_text(f"---\npublished: {published}\n---\n{text}", encoding="utf-8")


def weekly(inbox, out, as_of, **kw):
    return build(Config(inputs=(inbox,), out=out, as_of=as_of, charts=False, window=periods.window(as_of, 7), **kw))


@pytest.mark.parametrize(("args", "first", "last"), [
    ({"days": 7}, date(2024, 11, 18), date(2024, 11, 24)),
    ({"days": 1}, date(2024, 11, 24), date(2024, 11, 24)),
    ({"since": date(2024, 11, 1)}, date(2024, 11, 1), date(2024, 11, 24)),
    ({"since": date(2024, 11, 1), "until": date(2024, 11, 10)}, date(2024, 11, 1), date(2024, 11, 10)),
])
def test_window_from_days_or_since_until(args, first, last):
    assert periods.window(date(2024, 11, 24), **args) == Window(first=first, last=last)


@pytest.mark.parametrize(("args", "message"), [
    ({"until": date(2024, 11, 10)}, "--until needs --since: the window's first day"),
    ({"since": date(2024, 11, 10), "until": date(2024, 11, 1)}, "--until 2024-11-01 is before --since 2024-11-10"),
    ({"days": 7, "since": date(2024, 11, 10)}, "give either --window or --since/--until, not both"),
])
def test_bad_windows_are_config_errors(args, message):
    with pytest.raises(ConfigError, match=message):
        periods.window(date(2024, 11, 24), **args)


@pytest.mark.parametrize(("first", "last", "name"), [
    (date(2024, 11, 18), date(2024, 11, 24), "2024-W47"),  # Monday to Sunday: that week
    (date(2024, 11, 19), date(2024, 11, 25), "2024-W47"),  # Tuesday to Monday (--window 7d on a Monday): the week just ended
    (date(2024, 11, 16), date(2024, 11, 22), "2024-W47"),  # Saturday to Friday: five of its days in week 47
    (date(2024, 12, 30), date(2025, 1, 5), "2025-W01"),    # 30 December 2024 is in ISO week 1 of 2025
    (date(2020, 12, 28), date(2021, 1, 3), "2020-W53"),
    (date(2024, 11, 17), date(2024, 11, 24), "2024-11-17_2024-11-24"),  # eight days: not a week, named by its days
    (date(2024, 11, 1), date(2024, 11, 30), "2024-11-01_2024-11-30"),
    (date(2024, 11, 24), date(2024, 11, 24), "2024-11-24"),
])
def test_a_seven_day_window_is_named_by_its_iso_week_and_others_by_their_days(first, last, name):
    window = Window(first=first, last=last)
    assert window.name == name
    assert window.week == (name if "W" in name else None)


def test_since_until_of_one_iso_week_builds_that_week(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write(inbox, WEEK_47)
    span = periods.window(date(2024, 11, 30), since=date(2024, 11, 18), until=date(2024, 11, 24))
    briefing = build(Config(inputs=(inbox,), out=out, as_of=date(2024, 11, 30), charts=False, window=span))
    assert briefing.pdf == out / "briefing-2024-W47.pdf" and (out / "2024-W47" / "events.json").is_file()


def test_other_windows_are_named_by_their_days_and_compared_with_the_period_before(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write(inbox, WEEK_46)
    write(inbox, WEEK_47)
    first = build(Config(inputs=(inbox,), out=out, as_of=date(2024, 12, 1), charts=False,
                         window=periods.window(date(2024, 12, 1), since=date(2024, 11, 4), until=date(2024, 11, 15))))
    assert first.pdf == out / "briefing-2024-11-04_2024-11-15.pdf"
    assert (out / "2024-11-04_2024-11-15" / "events.json").is_file() and first.changes is None
    second = build(Config(inputs=(inbox,), out=out, as_of=date(2024, 12, 1), charts=False,
                          window=periods.window(date(2024, 12, 1), since=date(2024, 11, 16), until=date(2024, 11, 30))))
    assert second.pdf == out / "briefing-2024-11-16_2024-11-30.pdf"
    assert (out / "latest.pdf").resolve() == second.pdf.resolve()
    assert second.changes.previous == "2024-11-04_2024-11-15"  # it ended the day before this one began
    assert {p.date for p in second.changes.dropped} == {"2024-11-13"}
    assert not (out / "briefing.pdf").exists()


def test_a_weekly_build_names_its_outputs_by_week_and_marks_background_events(tmp_path):
    inbox = tmp_path / "inbox"
    write(inbox, WEEK_47)
    out = tmp_path / "out"
    briefing = weekly(inbox, out, date(2024, 11, 24))
    assert briefing.pdf == out / "briefing-2024-W47.pdf" and briefing.pdf.exists()
    assert {p.name for p in (out / "2024-W47").iterdir()} >= {"events.csv", "events.json", "figures.csv", "sources.csv"}
    assert (out / "latest.pdf").is_symlink() and (out / "latest.pdf").resolve() == briefing.pdf.resolve()
    rows = json.loads((out / "2024-W47" / "events.json").read_text("utf-8"))
    background = {r["date"]: r["background"] for r in rows}
    assert background["2024-11-12"] is True and background["2024-11-18"] is False
    assert "background" in (out / "2024-W47" / "events.csv").read_text("utf-8").splitlines()[0].split(",")
    text = " ".join(page.extract_text() for page in PdfReader(briefing.pdf).pages)
    assert "background" in text


def test_latest_is_a_copy_where_links_are_impossible(tmp_path, monkeypatch):
    write(tmp_path / "inbox", WEEK_47)

    def no_links(*args):
        raise OSError(1, "Operation not permitted")
    monkeypatch.setattr(periods.os, "symlink", no_links)
    briefing = weekly(tmp_path / "inbox", tmp_path / "out", date(2024, 11, 24))
    latest = tmp_path / "out" / "latest.pdf"
    assert not latest.is_symlink() and latest.read_bytes() == briefing.pdf.read_bytes()


def test_new_since_the_last_briefing(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write(inbox, WEEK_46)
    weekly(inbox, out, date(2024, 11, 17))
    write(inbox, WEEK_47)  # the folder grows; last week's articles fall outside this week's window
    briefing = weekly(inbox, out, date(2024, 11, 24))
    changes = briefing.changes
    assert changes.previous == "2024-W46"
    updated = {u.event.date.date: u.what for u in changes.updated}
    assert updated["2024-11-12"] == "2 new sources; figure revised: 5 → 7 people killed"
    assert "2024-11-18" in {e.date.date for e in changes.new}
    assert {p.date for p in changes.dropped} == {"2024-11-13"}  # the Sumy hospital is no longer covered
    first_page = PdfReader(briefing.pdf).pages[0].extract_text()
    assert "New since the last briefing (2024-W46)" in first_page
    assert "no longer covered" in first_page
    assert (out / "briefing-2024-W46.pdf").exists() and (out / "latest.pdf").resolve() == briefing.pdf.resolve()


def test_without_last_week_there_is_no_changes_section(tmp_path):
    write(tmp_path / "inbox", WEEK_47)
    briefing = weekly(tmp_path / "inbox", tmp_path / "out", date(2024, 11, 24))
    assert briefing.changes is None
    assert "New since the last briefing" not in PdfReader(briefing.pdf).pages[0].extract_text()


def test_a_growing_folder_leaves_other_weeks_out_without_calling_them_skipped(tmp_path):
    # a weekly build over a folder of many weeks: the other weeks' articles are no problem, an undated one is
    inbox = tmp_path / "inbox"
    write(inbox, {**WEEK_46, **WEEK_47})
    (inbox / "undated.md").write_text("Drones struck the port of Reni on Monday, the governor said.\n", encoding="utf-8")
    (inbox / "feed.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Danube Monitor</title>'
        '<entry><title>Reni ferry resumes</title><published>2024-11-20T08:00:00Z</published>'
        '<summary>The Reni ferry resumed crossings on Wednesday, the port authority said.</summary></entry>'
        '<entry><title>Izmail grain</title><published>2024-11-12T08:00:00Z</published>'
        '<summary>Izmail shipped 40,000 tonnes of grain on Monday, the port said.</summary></entry></feed>', encoding="utf-8")
    briefing = weekly(inbox, tmp_path / "out", date(2024, 11, 24))
    assert [s.path for s in briefing.skipped] == [str(inbox / "undated.md")]
    assert sorted(s.path for s in briefing.left_out) == [f"{inbox / 'feed.atom'}#2", str(inbox / "odesa.md"), str(inbox / "sumy.md")]
    assert {s.reason for s in briefing.left_out} >= {"published 2024-11-14, outside 2024-11-18 – 2024-11-24"}
    text = " ".join(page.extract_text() for page in PdfReader(briefing.pdf).pages)
    assert "3 articles of the inputs were published outside 18 Nov 2024 – 24 Nov 2024 and are not in this briefing." \
        in " ".join(text.split())
    assert "Skipped " + str(inbox / "undated.md") in " ".join(text.split())
    assert "sumy" not in (tmp_path / "out" / "2024-W47" / "sources.csv").read_text("utf-8")


@pytest.mark.parametrize("as_of, first, last, week", [
    (date(2024, 11, 25), date(2024, 11, 18), date(2024, 11, 24), "2024-W47"),  # Monday: the week just ended
    (date(2024, 11, 26), date(2024, 11, 18), date(2024, 11, 24), "2024-W47"),  # a day late, the same week
    (date(2024, 12, 1), date(2024, 11, 18), date(2024, 11, 24), "2024-W47"),   # Sunday: its own week is not over
    (date(2024, 11, 24), date(2024, 11, 11), date(2024, 11, 17), "2024-W46"),
    (date(2025, 1, 1), date(2024, 12, 23), date(2024, 12, 29), "2024-W52"),    # across the year
    (date(2021, 1, 4), date(2020, 12, 28), date(2021, 1, 3), "2020-W53"),      # a 53-week year
])
def test_last_week_is_the_last_full_monday_to_sunday_before_the_build_date(as_of, first, last, week):
    window = periods.window(as_of, periods.LAST_WEEK)
    assert (window.first, window.last, window.week) == (first, last, week)


def test_last_week_and_since_exclude_each_other_and_stay_after_the_year_1():
    with pytest.raises(ConfigError, match="give either --window or --since/--until, not both"):
        periods.window(date(2024, 11, 25), periods.LAST_WEEK, since=date(2024, 11, 1))
    with pytest.raises(ConfigError, match="--window last-week reaches back before the year 1 from 0001-01-03"):
        periods.window(date(1, 1, 3), periods.LAST_WEEK)
