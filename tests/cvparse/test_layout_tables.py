# ruff: noqa: E501  (fixture CVs keep their long source lines)
"""CVs laid out in tables (an HTML page of date and description cells, a Word CV that
is one big table), a Word page header with the owner's name, and Quarto/R Markdown
sources with front matter and code chunks. Everything here is invented."""

import io

import docx

import cvparse
from cvparse.sections import build_lines


def _fields(entries: list[dict], *keys: str) -> list[tuple]:
    return [tuple(entry[key] for key in keys) for entry in entries]


LAYOUT_TABLE_HTML = """<!DOCTYPE html>
<html><head><title>CV</title><style>td { padding: 2px }</style></head><body>
<table width="100%">
<tr><td colspan="2"><h1>Pell Varga</h1>Department of Hydrology, Northwind University<br>
Email: pell.varga@northwind.example.edu</td></tr>
<tr><td colspan="2"><h2>Education</h2></td></tr>
<tr><td valign="top">2014&ndash;2019</td><td><b>Ph.D. in Hydrology</b>, Northwind University<br>
Advisor: Dana Oster</td></tr>
<tr><td valign="top">2010&ndash;2014</td><td><b>B.Sc. in Geology</b>, Eastfield College</td></tr>
<tr><td colspan="2"><h2>Employment</h2></td></tr>
<tr><td>2021&ndash;present</td><td>Assistant Professor, Department of Hydrology, Northwind University</td></tr>
<tr><td>2019&ndash;2021</td><td>Postdoctoral Researcher, Lake Institute, Southport</td></tr>
<tr><td colspan="2"><h2>Publications</h2></td></tr>
<tr><td>[2]</td><td>Varga, P., &amp; Oster, D. (2020). Groundwater under quiet hills.
<i>Journal of Slow Water</i>, 12(3), 45&ndash;60.</td></tr>
<tr><td>[1]</td><td>Oster, D., Varga, P., &amp; Lind, M. (2018). Wells of the north.
<i>Hydro Letters</i>, 4, 1&ndash;9.</td></tr>
</table>
<table><tr><th colspan="2" align="left"><h2>Invited Talks</h2></th></tr>
<tr><td>Maps of wells, Society of Water, Lakeside</td><td align="right">2021</td></tr>
<tr><td>Quiet hills, Hydro Club, Northwind</td><td align="right">2019</td></tr>
</table>
</body></html>"""


def test_html_cv_laid_out_in_table_rows():
    result = cvparse.parse(LAYOUT_TABLE_HTML.encode(), "cv.html")
    assert result["person"]["name"] == "Pell Varga"
    assert result["person"]["emails"] == ["pell.varga@northwind.example.edu"]
    assert _fields(result["education"], "degree", "institution", "start", "end") == [
        ("Ph.D.", "Northwind University", "2014", "2019"),
        ("B.Sc.", "Eastfield College", "2010", "2014"),
    ]
    assert _fields(result["positions"], "title", "start", "end") == [
        ("Assistant Professor", "2021", "present"),
        ("Postdoctoral Researcher", "2019", "2021"),
    ]
    assert _fields(result["publications"], "title", "venue", "year") == [
        ("Groundwater under quiet hills", "Journal of Slow Water", 2020),
        ("Wells of the north", "Hydro Letters", 2018),
    ]
    talks = next(s for s in result["sections"] if s["heading"] == "Invited Talks")
    assert len(talks["items"]) == 2
    assert result["unparsed"] == []


def _table_cv() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Rosalind Ekwueme"
    section.header.add_paragraph("rosalind.ekwueme@example.org · +1 555 010 7788")
    section.footer.paragraphs[0].text = "Ekwueme, Curriculum Vitae, page 1"
    table = document.add_table(rows=0, cols=2)

    def heading(text: str) -> None:
        cells = table.add_row().cells
        cells[0].merge(cells[1]).paragraphs[0].add_run(text).bold = True

    def row(date: str, *paragraphs: str) -> None:
        cells = table.add_row().cells
        cells[0].text = date
        cells[1].text = paragraphs[0]
        for extra in paragraphs[1:]:
            cells[1].add_paragraph(extra)

    heading("EDUCATION")
    row("2015–2020", "PhD in Psychology, Harbourview University", "Advisor: Milo Trent")
    row("2011–2015", "BA in Psychology, Kestrel College")
    heading("ACADEMIC APPOINTMENTS")
    row("2022–present", "Assistant Professor, Department of Psychology, Upland University")
    row("2020–2022", "Postdoctoral Fellow, Centre for Mind, Harbourview University")
    heading("PEER-REVIEWED ARTICLES")
    row("2023", "Ekwueme, R., & Trent, M. (2023). Crowds and gaze. Journal of Looking, 8, 10–22.")
    row("2021", "Trent, M., Ekwueme, R., & Salo, J. (2021). Where people look. Vision Letters, 3.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_cv_in_one_table_with_the_name_in_the_page_header():
    result = cvparse.parse(_table_cv(), "cv.docx")
    person = result["person"]
    assert (person["name"], person["emails"]) == (
        "Rosalind Ekwueme",
        ["rosalind.ekwueme@example.org"],
    )
    assert _fields(result["education"], "degree", "institution", "start", "end") == [
        ("PhD", "Harbourview University", "2015", "2020"),
        ("BA", "Kestrel College", "2011", "2015"),
    ]
    assert _fields(result["positions"], "title", "start") == [
        ("Assistant Professor", "2022"),
        ("Postdoctoral Fellow", "2020"),
    ]
    pubs = result["publications"]
    assert [p["title"] for p in pubs] == ["Crowds and gaze", "Where people look"]
    assert [[a["is_self"] for a in p["authors"]] for p in pubs] == [
        [True, False],
        [False, True, False],
    ]
    assert pubs[0]["category"] == "PEER-REVIEWED ARTICLES"
    # The footer is page furniture, not content.
    assert not any("page 1" in line for line in result["unparsed"])


QUARTO_CV = """---
title: "Curriculum Vitae"
author: "Halvard Brisk"
format:
  pdf:
    toc: false
---

```{r setup, include=FALSE}
knitr::opts_chunk$set(echo = FALSE)
library(vitae)
```

::: {.contact}
halvard.brisk@example.org
:::

# Education

```{r}
tibble::tribble(~what, ~when, "PhD", 2020)
```

- 2016--2020: PhD in Ecology, Fernwood University

# Publications

- Brisk, H., & Ode, L. (2022). Moss on the north side. *Journal of Shade*, 3, 1--9.
"""


def test_quarto_cv_front_matter_and_code_chunks_are_not_content():
    result = cvparse.parse(QUARTO_CV, "cv.qmd")
    assert result["person"]["name"] == "Halvard Brisk"
    assert result["person"]["emails"] == ["halvard.brisk@example.org"]
    assert _fields(result["education"], "degree", "institution") == [("PhD", "Fernwood University")]
    assert [p["title"] for p in result["publications"]] == ["Moss on the north side"]
    assert not any("tibble" in line or "knitr" in line for line in result["unparsed"])


def test_hugo_toml_front_matter_is_not_content():
    text = '+++\ntitle = "Home"\ndate = 2024-01-01\n+++\n\n# Ada Quill\n\n## Education\n\n- 2019: PhD, Some University\n'
    result = cvparse.parse(text, "index.md")
    assert result["person"]["name"] == "Ada Quill"
    assert not any("title" in line or "+++" in line for line in result["unparsed"])
    assert not any("+++" in item for s in result["sections"] for item in s["items"])


PAGEDOWN_CV = """---
title: "Orla Vance's CV"
author: Orla Vance
output:
  pagedown::html_resume:
    self_contained: true
---

```{r, include=FALSE}
knitr::opts_chunk$set(echo = FALSE)
```

Aside
================================================================================

Contact Info {#contact}
--------------------------------------------------------------------------------

- <i class="fa fa-envelope"></i> orla.vance@example.org

Main
================================================================================

Education {data-icon=graduation-cap data-concise=true}
--------------------------------------------------------------------------------

### Ph.D. in Ecology

Fernwood University

Fernwood, NH

2020 - 2015

- Thesis: Moss and shade

Research Experience {data-icon=laptop}
--------------------------------------------------------------------------------

### Postdoctoral Researcher

Lake Institute

Southport, ME

2022 - 2020

- Counted moss on 400 trees
"""


def test_r_markdown_pagedown_cv():
    result = cvparse.parse(PAGEDOWN_CV, "cv.Rmd")
    assert result["person"]["name"] == "Orla Vance"
    assert result["person"]["emails"] == ["orla.vance@example.org"]
    assert _fields(result["education"], "degree", "institution", "start", "end") == [
        ("Ph.D.", "Fernwood University", "2015", "2020")
    ]
    assert _fields(result["positions"], "title", "organization", "start", "end") == [
        ("Postdoctoral Researcher", "Lake Institute", "2020", "2022")
    ]
    assert not any("{" in (s["heading"] or "") for s in result["sections"])


def test_html_about_page_named_only_in_its_title():
    html = (
        "<!DOCTYPE html><html><head><title>Nadia Orr | Home</title></head><body>"
        "<nav><a href='/'>Home</a></nav><main><h2>About</h2><p>I study tides. I am a "
        "postdoctoral researcher at the Institute of Tides.</p></main></body></html>"
    )
    result = cvparse.parse(html.encode(), "index.html")
    assert result["person"]["name"] == "Nadia Orr"
    assert result["unparsed"] == [] and not any("title" in s["items"] for s in result["sections"])


def test_template_code_and_comments_are_not_content():
    text = (
        "+++\ntitle = 'Home'\n+++\n"
        "# Ada Quill\n"
        "{% comment %}\n## Old jobs\n- 2001 Clerk, Nowhere Inc.\n{% endcomment %}\n"
        '{{< figure src="me.png" >}}\n'
        "{: .notice }\n"
        "## Education\n- 2019: PhD, Fernwood University\n"
    )
    assert [(ln.no, ln.text) for ln in build_lines(text) if ln.text] == [
        (4, "Ada Quill"),
        (11, "Education"),
        (12, "2019: PhD, Fernwood University"),
    ]
