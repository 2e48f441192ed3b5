"""Vietnamese text helpers: normalization, search folding and name sorting.

Pure standard-library code (no Django) so it can be used from models, views,
import scripts and exports alike.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "SORT_KEY_MAX_LENGTH",
    "fold",
    "name_sort_key",
    "nfc",
    "search_text",
    "BLANK_LETTERS",
    "DIRECTION_CHARACTERS",
    "DROPPED_CHARACTERS",
    "first_unseen",
    "invisible_kind",
    "is_unseen",
    "printable",
    "without_dropped",
    "vietnamese_sorted",
]

# Upper bound on len(name_sort_key(...)); a CharField(max_length=200) holds it.
SORT_KEY_MAX_LENGTH = 200

# Combining marks that turn a base vowel into a *different letter* of the
# Vietnamese alphabet (ă â ê ô ơ ư).  These are primary differences.
_BREVE = "\u0306"
_CIRCUMFLEX = "\u0302"
_HORN = "\u031b"
_VOWEL_MARKS: dict[tuple[str, str], str] = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

# Tone marks, numbered in conventional dictionary order:
# none(0) < huyền(1) < hỏi(2) < ngã(3) < sắc(4) < nặng(5).
# Tones are only a secondary difference when sorting.
_TONES: dict[str, str] = {
    "\u0300": "1",  # huyền (grave)
    "\u0309": "2",  # hỏi (hook above)
    "\u0303": "3",  # ngã (tilde)
    "\u0301": "4",  # sắc (acute)
    "\u0323": "5",  # nặng (dot below)
}
_WORD_TONES_END = "0"  # also the code for "no tone", which sorts first

# Vietnamese alphabet order, with the foreign letters f, j, w, z slotted in
# where Latin puts them, so foreign names still sort sensibly.
_ALPHABET = "0123456789" + "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# The key is built only from [0-9a-z]: those compare the same way under the C
# collation, SQLite's BINARY and common PostgreSQL locales (which ignore
# punctuation and fold case at the first level, so "!" or "A" would be unsafe).
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        value, rem = divmod(value, 36)
        digits.append(_B36[rem])
    return "".join(reversed(digits))


# Every token is 2 chars, except unknown characters (below), so keys compare
# token by token.  The two markers must sort below every letter so that a
# shorter word ("An") precedes a longer one ("Anh") and a name with fewer
# words precedes one with more.
_END_OF_NAMES = _b36(0, 2)  # "00": end of the primary (letters) section
_END_OF_WORD = _b36(1, 2)  # "01"
_LETTER_CODES: dict[str, str] = {ch: _b36(i + 2, 2) for i, ch in enumerate(_ALPHABET)}
# Characters outside the table (ø, ß-less scripts, Cyrillic…) sort after z, by
# code point: "zz" + 4 base-36 digits (36**4 > 0x10FFFF).  "zz" is never a
# letter code, so tokens stay unambiguous.
_UNKNOWN_PREFIX = "zz"


def nfc(text: str) -> str:
    """NFC-normalize, collapse whitespace runs to one space and strip.

    Text pasted from PDFs or typed on some keyboards arrives decomposed (NFD);
    storing it as NFC makes equality, uniqueness and ``LIKE`` queries work.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def search_text(text: str | None, max_length: int = 100) -> str:
    """What a person typed in a search box (?q=), fit for a query: control characters
    dropped (PostgreSQL refuses a NUL), whitespace collapsed, at most `max_length`."""
    kept = "".join(ch for ch in text or "" if unicodedata.category(ch) != "Cc" or ch.isspace())
    return nfc(kept)[:max_length]


# Invisible characters. Those typed or pasted into a form are of two kinds:
# - DROPPED: zero-width spaces and joiners, the word joiner and the invisible operators, the
#   byte-order mark and the soft hyphen. They come in with text pasted from Word, PDFs and web
#   pages, change nothing a reader sees and mean nothing in Vietnamese: forms drop them silently.
# - refused: control characters (U+0000–U+001F but tab and line breaks, U+007F–U+009F), the
#   direction controls (they reverse the order a name is shown in) and every other format
#   character: the person is told which one and where, and types the text again.
# Letters and marks that show nothing at all (Hangul fillers, the combining grapheme joiner,
# Khmer inherent vowels) are refused like the format characters.
BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
DIRECTION_CHARACTERS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH_CHARACTERS = frozenset("\u200b\u2060\ufeff")
DROPPED_CHARACTERS = ZERO_WIDTH_CHARACTERS | frozenset("\u200c\u200d\u2061\u2062\u2063\u2064\u00ad")
_LINE_SPACES = frozenset("\t\n\r")


def is_unseen(ch: str) -> bool:
    """A character that shows nothing and is not plain white space (tab, line breaks and the
    spaces are kept): control, format, private or unassigned, or a blank letter."""
    return (
        ch not in _LINE_SPACES
        and (not ch.isprintable() or ch in BLANK_LETTERS)
        and (not ch.isspace() or unicodedata.category(ch) == "Cc")
    )


def invisible_kind(ch: str) -> str:
    """What an invisible character is, in words a person can act on."""
    if ch in DIRECTION_CHARACTERS:
        return "ký tự điều khiển hướng chữ (không nhìn thấy, làm đảo thứ tự chữ khi hiển thị)"
    if ch in ZERO_WIDTH_CHARACTERS:
        return "dấu cách không độ rộng (không nhìn thấy)"
    if ch in "\u200c\u200d":
        return "ký tự nối hoặc ngắt chữ không độ rộng (không nhìn thấy)"
    if ch == "\u00ad":
        return "dấu gạch nối mềm (thường không hiện ra)"
    category = unicodedata.category(ch)
    if category == "Cf":
        return "ký tự định dạng không nhìn thấy"
    if category == "Cc":
        return "ký tự điều khiển (không nhìn thấy)"
    if category in ("Co", "Cn"):
        return "ký tự không có trong bảng mã chuẩn"
    return "ký tự trống không nhìn thấy"


def first_unseen(text: str) -> tuple[int, str] | None:
    """The position (from 1) and the first invisible character of `text`; None if none."""
    for position, ch in enumerate(text, start=1):
        if is_unseen(ch):
            return position, ch
    return None


def without_dropped(text: str) -> str:
    """`text` without the invisible characters that forms drop silently (DROPPED_CHARACTERS)."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if ch not in DROPPED_CHARACTERS)


def printable(text: str) -> str:
    """`text` fit for a file (.xlsx, .docx): every invisible character left out, tab and line
    breaks kept. Forms refuse these characters; this keeps an export from failing on one
    stored before (or written by a script): Excel's and Word's XML cannot hold them."""
    if text.isprintable() and BLANK_LETTERS.isdisjoint(text):
        return text
    return "".join(ch for ch in text if not is_unseen(ch))


def _strip_marks(text: str) -> str:
    # NFD splits "ễ" into e + circumflex + tilde; dropping every combining
    # mark leaves the bare Latin letter.
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Accent- and case-insensitive search key: "Nguyễn Văn Ân" -> "nguyen van an".

    casefold() rather than lower() so that e.g. "ß" matches "ss"; đ has no
    Unicode decomposition, so it is mapped to d explicitly.
    """
    folded = _strip_marks(text.casefold()).replace("đ", "d")
    return " ".join(folded.split())


def _letter_code(letter: str) -> str:
    code = _LETTER_CODES.get(letter)
    if code is not None:
        return code
    return _UNKNOWN_PREFIX + _b36(ord(letter), 4)


def _parse_word(word: str) -> tuple[list[str], str]:
    """Split a (casefolded) word into base letters and its tone digits.

    Returns ([letters], tones) where tones holds one digit per tone mark, in
    order.  Vietnamese syllables carry one tone wherever it is placed ("Hoà"
    and "Hòa" are the same name), so the tone belongs to the word, not to a
    letter position.
    """
    letters: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch):
            if ch in _TONES:
                tones.append(_TONES[ch])
            elif letters:
                # NFD puts marks in canonical order (e.g. ậ = a + dot + ^),
                # so a vowel mark always modifies the last base letter.
                letters[-1] = _VOWEL_MARKS.get((letters[-1], ch), letters[-1])
            # Other marks (diaeresis, cedilla…) are ignored.
        elif ch.isalnum():
            letters.append(ch)
        # Punctuation inside a word (hyphen, apostrophe, dot) is ignored.
    return letters, "".join(tones)


def name_sort_key(full_name: str) -> str:
    """ASCII key that sorts full names the Vietnamese way.

    Order: given name (last word), then middle names left to right, then family
    name (first word).  Letters follow the Vietnamese alphabet (a ă â b c d đ e
    ê … with f j w z in Latin position), case-insensitively.  Tones only break
    ties between names whose letters are all equal, in the order none, huyền,
    hỏi, ngã, sắc, nặng.

    The key is ``primary + "00" + secondary``:
      * primary: for each word, a 2-char code per letter then "01";
      * secondary: for each word, its tone digits (1-5) then "0".
    Names that differ only in case, whitespace or NFC/NFD form get the same key;
    add the primary key as a last ORDER BY column for a total order.
    At most SORT_KEY_MAX_LENGTH chars; truncating a key keeps the order (a
    prefix never sorts after the full key) so it is safe.
    """
    words = [w for w in nfc(full_name).casefold().split(" ") if w]
    parsed = [codes for codes in map(_word_codes, words) if codes is not None]
    if len(parsed) > 1:
        # Given name first, then middle names in order, then family name.
        parsed = [parsed[-1], *parsed[1:-1], parsed[0]]

    primary = "".join(letters for letters, _ in parsed)
    secondary = "".join(tones for _, tones in parsed)
    return (primary + _END_OF_NAMES + secondary)[:SORT_KEY_MAX_LENGTH]


# Names are made of a few thousand syllables: a roster import of 10,000 people parses the
# same words over and over (a tenth of the import's time before this cache).
@lru_cache(maxsize=8192)
def _word_codes(word: str) -> tuple[str, str] | None:
    """A word's part of the primary key (letter codes, then the end-of-word marker) and of
    the secondary key (tone digits, then the end marker); None for a word without letters."""
    letters, tones = _parse_word(word)
    if not letters:
        return None
    return "".join(map(_letter_code, letters)) + _END_OF_WORD, tones + _WORD_TONES_END


def vietnamese_sorted(names: Iterable[str]) -> list[str]:
    """Sort names in Vietnamese order; ties keep a deterministic order."""
    # The raw string breaks ties between keys that are equal (case variants)
    # so the result never depends on input order.
    return sorted(names, key=lambda name: (name_sort_key(name), nfc(name)))


def text_sort_key(text: str) -> tuple[str, ...]:
    """Sort key of a name read left to right (a unit, "Chi bộ Cấp cứu"; a title): each word
    keyed on its own in Vietnamese letter order, tones breaking ties within a word, so
    "Cấp cứu" sorts before "Chẩn đoán" and "Đảng bộ" right after the "D" names, not last.
    People's names sort by given name first: `name_sort_key`."""
    return tuple(name_sort_key(word) for word in nfc(text).split())


def text_sorted(items: Iterable, name=lambda item: item) -> list:
    """`items` in Vietnamese order of `name(item)` (a unit's name, a title)."""
    return sorted(items, key=lambda item: (text_sort_key(name(item)), nfc(name(item))))
