"""Official notices: ReportLab rendering of the PDFs the office prints, stamps and hands over.

Public entry points (NOTICES.md):

- :func:`aitown.notices.render.render_notice` — ``NoticeDocument`` → PDF bytes (same bytes for
  the same document).
- :class:`aitown.notices.document.NoticeDocument` — what a notice says, in plain values, with
  ``canonical_json()`` for the verification code.
- :func:`aitown.notices.numerals.to_chinese_capital` — 人民币贰拾万元整.
- :func:`aitown.notices.fonts.check_drawable` — refuse text none of the embedded fonts can print.
- :func:`aitown.notices.verify_read.read_embedded` — the notice data a PDF carries.
- :func:`aitown.notices.batch.combine_pdfs` — one file for batch printing.

Layout pieces: layout.py (mm constants), fonts.py (the fonts and their fallback chain),
cjk_text.py (Chinese paragraphs: line-breaking rules, justification, titles), styles.py (the
stylesheet), pages.py (page templates and header), canvas.py (page numbers, the verification
line and QR code, metadata), flowables.py and seal.py (signature block, seal image or mark,
issue record), tables.py, templates.py (the base template and its hooks), kinds.py (one template
per kind), samples.py (a realistic sample of every kind).
"""
