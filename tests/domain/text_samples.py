"""Real words and emoji whose invisible characters are part of the text.

Each is written with escapes so what the test holds is exact, whatever an editor shows.
"""

from __future__ import annotations

PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # می‌خواهم, with a ZWNJ
ARABIC = "\u0645\u064e\u0631\u0652\u062d\u064e\u0628\u064b\u0627"  # مَرْحَبًا, with harakat
HINDI = "\u0915\u094d\u0937\u0924\u094d\u0930\u093f\u092f"  # क्षत्रिय, with viramas
HINDI_ZWJ = "\u0915\u094d\u200d\u0937"  # क्‍ष: half form of ka, asked for with a ZWJ
HINDI_ZWNJ = "\u0915\u094d\u200c\u0937"  # क्‌ष: visible virama, asked for with a ZWNJ
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧, one family
RAINBOW = "\U0001f3f3\ufe0f\u200d\U0001f308"  # 🏳️‍🌈
WAVE_MEDIUM = "\U0001f44b\U0001f3fd"  # 👋🏽
UK_FLAG = "\U0001f1ec\U0001f1e7"  # 🇬🇧, regional indicators
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # 🏴󠁧󠁢󠁥󠁮󠁧󠁿
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"

ALL = {
    "Persian": PERSIAN,
    "Arabic": ARABIC,
    "Hindi": HINDI,
    "Hindi with ZWJ": HINDI_ZWJ,
    "Hindi with ZWNJ": HINDI_ZWNJ,
    "family": FAMILY,
    "rainbow flag": RAINBOW,
    "skin tone": WAVE_MEDIUM,
    "UK flag": UK_FLAG,
    "England flag": ENGLAND,
    "Scotland flag": SCOTLAND,
}

# Pasted from a terminal log: colour codes, a window-title change ended by BEL.
HOSTILE = "a\x1b[31mRED\x1b[0m \x1b]0;pwned\x07 done"
HOSTILE_CLEANED = "aRED  done"
