"""One bilingual text: the English and Chinese words of one thing, chosen by the reader's language.

Error messages, labels of codes, the words of rights and the sentences of the audit log all carry
their two languages in a :class:`Text`::

    Text("draft", "草稿").get("zh_CN")   # 草稿
    en, zh = Text("draft", "草稿")        # a tuple, so unpacking works

``lang`` is ``"en"`` or ``"zh"``; anything starting with ``zh`` (``zh_CN``) is Chinese.
"""

from __future__ import annotations

from typing import Any, NamedTuple


def is_chinese(lang: str | None) -> bool:
    """True for ``zh``, ``zh_CN``, ``zh-Hans``…; English otherwise."""
    return bool(lang) and str(lang).lower().startswith("zh")


class Text(NamedTuple):
    """The same words in English and Chinese."""

    en: str
    zh: str

    def get(self, lang: str | None = "en") -> str:
        """The words in ``lang`` (the English ones when the Chinese are missing)."""
        return self.zh if is_chinese(lang) and self.zh else self.en

    # The older name of ``get`` (labels were read with ``label.text(lang)``).
    def text(self, lang: str | None = "en") -> str:
        return self.get(lang)

    def format(self, **values: Any) -> Text:
        """Both languages with ``{name}`` filled in (the same values in each)."""
        return Text(self.en.format(**values), self.zh.format(**values))

    @classmethod
    def same(cls, words: str) -> Text:
        """Words that read the same in both languages (a name, a number, a file)."""
        return cls(words, words)
