"""Word support: read .docx drafts with Word's clause numbers, write copies with comments.

The modules are imported on demand (``agreement-lint check`` on text drafts never loads
python-docx): :mod:`.guard` checks a package before it is opened, :mod:`.reader` reads it,
:mod:`.annotate` writes the reviewed copy.
"""
