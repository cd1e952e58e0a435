"""The one way to start a Word document: A4 in portrait, Dutch (Belgium) as the language of its text.

python-docx's default template is US Letter with ``en-US`` as the language of every style;
Word would then spell-check Dutch as English and print on the wrong paper.
"""

from __future__ import annotations

LANGUAGE = "nl-BE"


def new_document(title: str = ""):
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = LANGUAGE
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    # the language of the document defaults and of every style
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = [] if defaults is None else list(defaults.iter(qn("w:rPr")))
    targets += list(styles.iter(qn("w:rPr")))
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    return document


def add_image(document, image: bytes, *, width_cm: float, description: str, title: str = ""):
    """A picture in its own paragraph, with its text alternative (Word's "alt text": ``descr``)."""
    import io

    from docx.shared import Cm

    shape = document.add_picture(io.BytesIO(image), width=Cm(width_cm))
    properties = shape._inline.docPr
    properties.set("descr", str(description))
    if title:
        properties.set("title", str(title))
    return shape
