"""Ingest: every format, every skip reason, and arbitrary bytes never raising."""

from __future__ import annotations

import codecs
import gzip
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tidings.config import Settings
from tidings.errors import IngestError
from tidings.ingest import (
    article_from_mapping,
    article_id,
    dedupe,
    make_article,
    parse_published,
    read_file,
    read_html,
    read_paths,
    split_header,
)
from tidings.types import Article, Skip

BODY = (
    "VIENNA (Wire) - Negotiators from five countries met on Tuesday for a second round of "
    "talks on grain shipments, a spokesperson for the host delegation said."
)
PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Grain talks resume in Vienna | Example Wire</title>
<meta property="og:title" content="Grain talks resume in Vienna">
<meta property="article:published_time" content="2021-03-09T10:15:00Z">
<link rel="canonical" href="https://news.example.org/2021/03/grain-talks">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Grain talks resume in Vienna</h1>
<p>VIENNA (Wire) - Negotiators from five countries met on Tuesday for a second round of
talks on grain shipments through the region, a spokesperson for the host delegation said.</p>
<p>The delegations did not agree on inspections, but they said they would meet again next
month to settle the remaining questions about insurance and port access.</p>
<p>An analyst at a university in the city said the talks could collapse if shipping
rates keep rising over the winter.</p>
</article>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>
"""


def items(path: Path | str, settings: Settings | None = None) -> list[Article | Skip]:
    return list(read_file(path, settings or Settings()))


def only(path: Path, settings: Settings | None = None) -> Article | Skip:
    got = items(path, settings)
    assert len(got) == 1, got
    return got[0]


def reason(path: Path, settings: Settings | None = None) -> str:
    got = only(path, settings)
    assert isinstance(got, Skip), got
    assert got.source == str(path)
    return got.reason


# --- article building -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-06-20", date(2019, 6, 20)),
        ("2019-06-20T08:30:00Z", datetime(2019, 6, 20, 8, 30, tzinfo=UTC)),
        ("20 June 2019", date(2019, 6, 20)),
        ("June 20, 2019", date(2019, 6, 20)),
        ("Jun 20 2019", date(2019, 6, 20)),
        ("2019/06/20", date(2019, 6, 20)),
        (
            "Thu, 20 Jun 2019 08:30:00 GMT",
            datetime(2019, 6, 20, 8, 30, tzinfo=UTC),
        ),
        (date(2020, 1, 2), date(2020, 1, 2)),
        ("2019-06", None),
        ("2019-02-30", None),
        ("next Tuesday", None),
        ("", None),
        (None, None),
        (20190620, None),
    ],
)
def test_parse_published(value: object, expected: object) -> None:
    assert parse_published(value) == expected


def test_article_id_ignores_spacing_and_case_but_not_url() -> None:
    assert article_id("Talks  began.\n") == article_id("talks began.")
    assert article_id("Talks began.", "https://a.example") != article_id("Talks began.")


def test_make_article_normalizes_fields() -> None:
    article = make_article(
        "  Talks began.\r\n", title=" Talks\n begin ", url=" https://a.example/x ", source=""
    )
    assert article.text == "Talks began."
    assert article.title == "Talks begin"
    assert article.url == "https://a.example/x"
    assert article.source is None
    assert article.id == article_id("Talks began.", "https://a.example/x")


# --- mappings (.json, .jsonl) -----------------------------------------------------------


def test_article_from_mapping_reads_known_fields_and_ignores_others() -> None:
    obj = {
        "id": "gold-1",
        "text": BODY,
        "title": "Talks",
        "url": "https://a.example/1",
        "source": "Example Wire",
        "published": "2021-03-09",
        "events": [{"cameo": "040"}],
    }
    article = article_from_mapping(obj, origin="f.jsonl:1")
    assert (article.title, article.source, article.published) == (
        "Talks",
        "Example Wire",
        date(2021, 3, 9),
    )
    assert article.id == article_id(BODY, "https://a.example/1") != "gold-1"
    assert article.origin == "f.jsonl:1"


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ([1, 2], "a JSON array, not an object"),
        ("text", "a JSON string, not an object"),
        ({"title": "x"}, "no 'text' field"),
        ({"text": None}, "no 'text' field"),
        ({"text": 5}, "'text' is a JSON number, not a string"),
        ({"text": "   \n"}, "empty text"),
        ({"text": "ok", "title": {"a": 1}}, "'title' is a JSON object, not a string"),
        ({"text": "a\x01b\x02c\x03"}, "binary data (many control characters), not text"),
        ({"text": "x" * 11}, "text has 11 characters, more than max_chars (10)"),
    ],
)
def test_article_from_mapping_refuses(obj: object, expected: str) -> None:
    with pytest.raises(IngestError) as error:
        article_from_mapping(obj, origin="x", max_chars=10)
    assert str(error.value) == expected


def test_published_may_be_a_date_or_absent() -> None:
    assert article_from_mapping({"text": "t", "published": date(2020, 5, 1)}).published == date(
        2020, 5, 1
    )
    assert article_from_mapping({"text": "t", "published": "soon"}).published is None
    assert article_from_mapping({"text": "t", "date": "2020-05-01"}).published == date(2020, 5, 1)


def test_json_file_with_one_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": BODY, "title": "Talks", "published": "2021-03-09"}))
    article = only(path)
    assert isinstance(article, Article)
    assert (article.text, article.title, article.origin) == (BODY, "Talks", str(path))


def test_json_file_with_a_list_is_streamed_per_element(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": "First."}, {"text": ""}, 7, {"text": "Last."}]))
    got = items(path)
    assert [type(x).__name__ for x in got] == ["Article", "Skip", "Skip", "Article"]
    assert got[1] == Skip(f"{path}#2", "empty text")
    assert got[2] == Skip(f"{path}#3", "a JSON number, not an object")
    assert got[3].text == "Last."


def test_json_list_longer_than_a_read_chunk(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    texts = [f"Report number {n}. " + "Word " * 300 for n in range(400)]
    path.write_text(json.dumps([{"text": t, "n": 12345678} for t in texts]))
    got = items(path)
    assert [a.text for a in got] == [t.strip() for t in texts]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"text": "a"', "invalid JSON: Expecting ',' delimiter"),
        ('{"text": "a"} {"text": "b"}', "invalid JSON: extra data after the top-level value"),
        ("   ", "empty file (no JSON value)"),
        ("[1 2]", "invalid JSON: expected ',' or ']' after an array element"),
    ],
)
def test_invalid_json_files(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    got = items(path)
    assert isinstance(got[-1], Skip)
    assert got[-1].reason == expected


def test_jsonl_skips_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "First report."}),
        "",
        "{not json",
        "[1, 2]",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Last report."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    got = items(path)
    assert got[0].text == "First report." and got[0].origin == f"{path}:1"
    assert got[1:4] == [
        Skip(
            f"{path}:3",
            "invalid JSON: Expecting property name enclosed in double quotes at column 2",
        ),
        Skip(f"{path}:4", "a JSON array, not an object"),
        Skip(f"{path}:5", "no 'text' field"),
    ]
    assert got[4].text == "Last report." and got[4].origin == f"{path}:6"


def test_jsonl_bad_encoding_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "fine"}\n')
    got = items(path)
    assert got[1] == Skip(f"{path}:2", "not UTF-8 text (byte 0xe9 at offset 13); save it as UTF-8")
    assert got[2].text == "fine"


def test_jsonl_overlong_line_is_skipped(tmp_path: Path) -> None:
    settings = Settings(max_chars=10)
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "x" * 2_000_000}) + "\n" + json.dumps({"text": "short"}))
    got = items(path, settings)
    assert isinstance(got[0], Skip) and got[0].reason.startswith("line longer than")
    assert got[1].text == "short"


def test_jsonl_gz_round_trip_keeps_order(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    texts = [f"Dispatch {n}: ministers met in the capital." for n in range(50)]
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for n, text in enumerate(texts):
            f.write(json.dumps({"text": text, "published": f"2020-01-{n % 28 + 1:02d}"}) + "\n")
    got = list(read_paths([path], Settings()))
    assert all(isinstance(a, Article) for a in got)
    assert [a.text for a in got] == texts
    assert got[3].published == date(2020, 1, 4)
    assert [a.origin for a in got[:2]] == [f"{path}:1", f"{path}:2"]


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    data = gzip.compress((json.dumps({"text": "a"}) + "\n").encode() * 200)
    path.write_bytes(data[: len(data) // 2])
    got = items(path)
    assert isinstance(got[-1], Skip) and "gzip" in got[-1].reason
    path.write_bytes(b"plain text, not gzip")
    assert "gzip" in reason(path)


def test_utf16_jsonl_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(
        ("\n".join(json.dumps({"text": t}) for t in ["Eins.", "Zwei."])).encode("utf-16")
    )
    assert [a.text for a in items(path)] == ["Eins.", "Zwei."]


# --- .txt -------------------------------------------------------------------------------


def test_txt_header_convention(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Title: Grain talks resume\nDate: 2021-03-09\nURL: https://a.example/g\n"
        "Source: Example Wire\n\n" + BODY + "\n\nSecond paragraph.\n"
    )
    article = only(path)
    assert article.title == "Grain talks resume"
    assert article.published == date(2021, 3, 9)
    assert (article.url, article.source) == ("https://a.example/g", "Example Wire")
    assert article.text == BODY + "\n\nSecond paragraph."
    assert article.origin == str(path)


@pytest.mark.parametrize(
    ("text", "fields", "body"),
    [
        ("Title: T\n\nBody.", {"title": "T"}, "Body."),
        (
            "title : T\nPUBLISHED: 2020-01-01\n\nBody.",
            {"title": "T", "published": "2020-01-01"},
            "Body.",
        ),
        ("\n\nDate: 2020-01-01\r\n\r\nBody.", {"published": "2020-01-01"}, "Body."),
        ("Note: not a header key\n\nBody.", {}, "Note: not a header key\n\nBody."),
        ("Title: T\nSEOUL (Wire) - text\n\nMore.", {}, "Title: T\nSEOUL (Wire) - text\n\nMore."),
        ("SEOUL (Wire) - text.", {}, "SEOUL (Wire) - text."),
        ("Title: only a header", {"title": "only a header"}, ""),
    ],
)
def test_split_header(text: str, fields: dict, body: str) -> None:
    assert split_header(text) == (fields, body)


def test_txt_without_header_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Note: the talks ended.\nMinisters left.")
    article = only(path)
    assert article.title is None and article.published is None
    assert article.text == "Note: the talks ended.\nMinisters left."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty text"),
        (
            b"Title: T\nDate: 2020-01-01\n\n  \n",
            "no text after the header (a header ends at the first blank line)",
        ),
        (b"caf\xe9 au lait", "not UTF-8 text (byte 0xe9 at offset 3); save it as UTF-8"),
        (codecs.BOM_UTF8 + b"caf\xe9", "not UTF-8 text (byte 0xe9 at offset 6); save it as UTF-8"),
        (
            b"PK\x03\x04\x00\x00binary",
            "binary data (NUL bytes), not text; UTF-16 text needs a byte-order mark",
        ),
        (
            "hi".encode("utf-16-le"),
            "binary data (NUL bytes), not text; UTF-16 text needs a byte-order mark",
        ),
        (b"\x01\x02\x03\x04abc\x05\x06", "binary data (many control characters), not text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16 text; save it as UTF-8"),
    ],
)
def test_txt_skip_reasons(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    assert reason(path) == expected


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Title: Café talks\n\nMinisters met.".encode(),
        "Title: Café talks\n\nMinisters met.".encode("utf-16"),
        "Title: Café talks\r\n\r\nMinisters met.".encode("utf-16-be").join(
            [codecs.BOM_UTF16_BE, b""]
        ),
    ],
)
def test_txt_accepted_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(data)
    article = only(path)
    assert (article.title, article.text) == ("Café talks", "Ministers met.")


def test_text_over_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Title: Long\n\n" + "word " * 50)
    assert (
        reason(path, Settings(max_chars=100))
        == "text has 250 characters, more than max_chars (100)"
    )
    path.write_text("x" * 3_000_000)
    assert reason(path, Settings(max_chars=100)).startswith("file has 3,000,000 bytes, too large")


# --- .html ------------------------------------------------------------------------------


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    article = only(path)
    assert isinstance(article, Article)
    assert article.title == "Grain talks resume in Vienna"
    assert article.published == date(2021, 3, 9)
    assert article.url == "https://news.example.org/2021/03/grain-talks"
    assert article.text.startswith("VIENNA (Wire) - Negotiators from five countries")
    assert "\n\nThe delegations did not agree" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_read_html_prefers_the_given_url() -> None:
    article = read_html(PAGE.encode(), url="https://mirror.example/x", origin="feed")
    assert article.url == "https://mirror.example/x"
    assert article.origin == "feed"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        ("   ", "empty HTML"),
        ("<html><body><nav></nav></body></html>", "no main text found in the HTML"),
    ],
)
def test_read_html_refuses(content: bytes | str, expected: str) -> None:
    with pytest.raises(IngestError) as error:
        read_html(content)
    assert str(error.value) == expected


def test_htm_extension_and_binary_html(tmp_path: Path) -> None:
    path = tmp_path / "page.HTM"
    path.write_text(PAGE)
    assert isinstance(only(path), Article)
    path.write_bytes(b"\x00\x01<html>")
    assert reason(path).startswith("binary data")


# --- paths, folders, duplicates ---------------------------------------------------------


def test_missing_path_unknown_extension_and_folder(tmp_path: Path) -> None:
    assert reason(tmp_path / "absent.txt") == "no such file or folder"
    other = tmp_path / "notes.md"
    other.write_text("# notes")
    assert reason(other) == (
        "unknown file extension .md; expected .txt, .json, .jsonl, .jsonl.gz, .html or .htm"
    )
    assert reason(tmp_path) == "is a folder, not a file"


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "c.txt").write_text("Third.")
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "b" / "inner" / "x.jsonl").write_text(json.dumps({"text": "Second."}) + "\n")
    (tmp_path / ".hidden" / "h.txt").write_text("Hidden.")
    (tmp_path / "d.bin").write_bytes(b"\x00")
    got = list(read_paths([tmp_path, tmp_path / "missing"], Settings()))
    assert [a.text for a in got if isinstance(a, Article)] == ["First.", "Second.", "Third."]
    assert [s.source for s in got if isinstance(s, Skip)] == [
        str(tmp_path / "d.bin"),
        str(tmp_path / "missing"),
    ]


def test_duplicates_are_skipped_within_a_run(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title: A\n\nMinisters met on Friday.")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "ministers  met on Friday."})
        + "\n"
        + json.dumps({"text": "Ministers met on Friday.", "url": "https://a.example/2"})
        + "\n"
    )
    got = list(read_paths([tmp_path, tmp_path / "a.txt"], Settings()))
    first = got[0]
    assert isinstance(first, Article)
    assert got[1] == Skip(f"{tmp_path / 'b.jsonl'}:1", f"duplicate of article {first.id}")
    assert isinstance(got[2], Article) and got[2].url == "https://a.example/2"
    assert got[3] == Skip(str(tmp_path / "a.txt"), f"duplicate of article {first.id}")


def test_dedupe_passes_skips_through() -> None:
    a = make_article("Same text.", origin="one")
    skip = Skip("x", "empty text")
    assert list(dedupe([a, skip, make_article("Same text.", origin="two")])) == [
        a,
        skip,
        Skip("two", f"duplicate of article {a.id}"),
    ]


# --- arbitrary bytes --------------------------------------------------------------------

EXTENSIONS = [".txt", ".json", ".jsonl", ".jsonl.gz", ".html", ".htm", ".xml", ""]


@hsettings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        st.builds(
            lambda obj: json.dumps(obj).encode(),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=40),
                lambda inner: (
                    st.lists(inner, max_size=4)
                    | st.dictionaries(
                        st.sampled_from(["text", "title", "published", "url"]), inner, max_size=4
                    )
                ),
                max_leaves=8,
            ),
        ),
    ),
    extension=st.sampled_from(EXTENSIONS),
    gzipped=st.booleans(),
)
def test_arbitrary_bytes_never_raise(
    tmp_path: Path, data: bytes, extension: str, gzipped: bool
) -> None:
    path = tmp_path / f"input{extension}"
    path.write_bytes(gzip.compress(data) if gzipped and extension == ".jsonl.gz" else data)
    for item in read_file(path, Settings(max_chars=400)):
        assert isinstance(item, Article | Skip)
        if isinstance(item, Skip):
            assert item.reason.strip()
            assert item.source.startswith(str(path))
        else:
            assert item.text.strip() and len(item.id) == 16


# --- the bundled examples ---------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_are_valid_dated_articles_in_every_format() -> None:
    got = list(read_paths([EXAMPLES], Settings()))
    skips = [s for s in got if isinstance(s, Skip)]
    assert not skips
    assert len(got) >= 12
    for article in got:
        assert article.title and article.published_date, article.origin
        assert 150 <= len(article.text.split()) <= 350, article.origin
    formats = {Path(a.origin.split(":")[0]).suffix for a in got}
    assert formats == {".txt", ".json", ".jsonl", ".html"}


def test_json_encoding_and_mid_array_errors(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"text": "caf\xe9"}')
    assert reason(path) == "not UTF-8 text; save it as UTF-8"
    path = tmp_path / "cut.json"
    path.write_text('[{"text": "One."}, {"text": ')
    got = items(path)
    assert got[0].text == "One."
    assert got[1] == Skip(f"{path}#2", "invalid JSON: Expecting value")
