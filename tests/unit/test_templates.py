import datetime as dt
from pathlib import Path

import jinja2
import pytest

from site_builder.numbers import ascii_digits as digits
from site_builder.templates import builtin_theme_dir, cn_date, make_environment, theme_dirs


def test_autoescape_and_strict_undefined(tmp_path: Path) -> None:
    env = make_environment(tmp_path)
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_lookup_order(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    assert theme_dirs(tmp_path) == [tmp_path / "templates", builtin_theme_dir()]
    assert (builtin_theme_dir() / "base.html").is_file()


def test_filters() -> None:
    assert cn_date(dt.date(2025, 4, 5)) == "2025年4月5日"
    assert digits("鲁公网安备 37131102000001号") == "37131102000001"
    assert digits("鲁公网安备 ３７１３１１０２０００００１号") == "37131102000001"  # typed full width
    assert digits("鲁公网安备²⑤号") == ""  # digits to str.isdigit(), not to the lookup


def test_an_edited_template_is_seen_by_the_next_build_environment(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    footer = tmp_path / "templates" / "footer.html"
    footer.write_text("旧", encoding="utf-8")
    env = make_environment(tmp_path)
    assert env.get_template("footer.html").render() == "旧"
    footer.write_text("新的页脚", encoding="utf-8")
    assert env.get_template("footer.html").render() == "旧"  # one build, one version of each template
    assert make_environment(tmp_path).get_template("footer.html").render() == "新的页脚"


def test_template_mistakes_are_explained_in_chinese() -> None:
    import jinja2

    from site_builder.templates import explain

    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    for source, words in (("{% if x %}", "模板意外结束（缺少 endif、endfor、endblock 等结束标签）"),
                          ("{{ 1 + }}", "语法错误：此处不应出现「end of print statement」")):
        try:
            env.from_string(source)
        except jinja2.TemplateSyntaxError as error:
            assert explain(error) == words
    assert explain(ValueError("bad")) == "取值不正确（ValueError: bad）"
    assert explain(KeyError()) == "KeyError"


def test_a_python_error_with_a_name_is_placed_at_its_template_not_at_the_name() -> None:
    """AttributeError and NameError carry a `name` (the attribute's): it was taken for the template file."""
    from site_builder.templates import TemplateFailure

    failure = TemplateFailure.of("detail.html", AttributeError("no attribute", name="summary"))
    assert failure.file == "detail.html" and failure.line is None


class _Html:
    def __html__(self) -> str:
        return "<b>已转义</b>"


_VALUES = ["", "普法", "<script>alert('x')</script>", 'a&b "c" <d> \'e\'', "&amp;", "\u3000全角　空格", "\0",
           jinja2.utils.markupsafe.Markup("<em>安全</em>"), 42, 3.5, None, True, dt.date(2025, 4, 5), _Html(),
           ("元", "组"), ["<列表>"]]


def test_written_values_are_escaped_as_markupsafe_escapes_them() -> None:
    import random

    import markupsafe

    from site_builder.templates import escape_output

    class Named(str):
        """A str subclass, as metadata's Nested is."""

    rng = random.Random(11)
    alphabet = "<>&'\"法治 \u3000\n\\;#x0"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    for value in [*_VALUES, *texts, *map(Named, texts[:200])]:
        written = escape_output(value)
        assert written == str(markupsafe.escape(value)), value
        assert isinstance(written, str)


_CONSTRUCTS = """{{ v }}|{{ v | e }}|{{ v | safe }}|{{ v ~ "<x>" }}|{{ "<" ~ v }}
{% set caught %}<i>{{ v }}</i>{% endset %}{{ caught }}|{{ caught | length }}
{% macro shown(x) %}<u>{{ x }}</u>{% endmacro %}{{ shown(v) }}|{{ shown(v) | upper }}
{% filter upper %}<p>{{ v }}</p>{% endfilter %}
{% macro boxed() %}<b>{{ caller() }}</b>{% endmacro %}{% call boxed() %}{{ v }}{% endcall %}
{% autoescape false %}{{ v }}{% endautoescape %}
{% for item in [v, v] %}{{ loop.index }}{{ item }}{% endfor %}{{ [v] }}{{ {"k": v} }}"""


@pytest.mark.parametrize("value", _VALUES, ids=repr)
def test_templates_write_what_stock_jinja_writes(tmp_path: Path, value: object) -> None:
    from site_builder.templates import OutputEscapingTemplate, escape_output

    env = make_environment(tmp_path)
    stock = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True, keep_trailing_newline=True)
    template = env.from_string(_CONSTRUCTS)
    assert isinstance(template, OutputEscapingTemplate)
    assert template.root_render_func.__globals__["escape"] is escape_output  # the fast path is in use
    assert template.render(v=value) == stock.from_string(_CONSTRUCTS).render(v=value)
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("<p>{{ v }}{{ missing }}</p>").render(v=value)
