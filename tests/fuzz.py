"""Hostile values for the fuzzed form tests (issue 17): what people paste into a number, a date or
a text field, and what an attacker sends instead. Hypothesis draws from these; each test keeps
its ``max_examples`` small (the suite must stay fast) and checks two things: never a 500, and
nothing half-written (``row_counts`` before and after)."""
from django.apps import apps
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

#: for tests whose examples share a function-scoped database fixture (each example is its own
#: request; rows an accepted example writes stay for the next, which the checks allow for)
#: no "explain" phase: it replays a failure hundreds of times (minutes per failing form test)
FUZZ = settings(max_examples=20, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

ODD_NUMBERS = [
    "²", "٣", "５", "１２", "۴", "੩", "1²", "-1", "-0", "0", "+7", " 4 ", "4\x00", "\x00", "4\n", "\x1b[2J",
    "9" * 5000, "99999999999999999999", "2147483648", "-2147483649", "32768", "1e3", "1e309", "NaN", "inf",
    "4.0", "4,5", "1_000", "0x10", "", " ",
]
ODD_TEXT = [
    "\x00", "a\x00b", "\r\n", "line\rbreak", "\u202etxet", "\ufeff", "\x1b[31m", "<script>alert(1)</script>",
    "' OR 1=1 --", "=HYPERLINK(\"http://x\")", "x" * 20_000, "é" * 3000, "",
]
ODD_DATES = [
    "２０２４-０１-０１", "٢٠٢٤-٠١-٠١", "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "2024-02-30",
    "-2024-01-01", "2024-1-1\x00", "31/12/2024", "2024-13-01", "99999999999-01-01", "1e309",
]

printable = st.characters(codec="utf-8", exclude_categories=["Cs"])  # the test client sends UTF-8
numbers = st.one_of(
    st.sampled_from(ODD_NUMBERS),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=6),  # ², ٣, ５, ...
)
texts = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(alphabet=printable, max_size=60),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl"]), min_size=1, max_size=10),
)
dates = st.one_of(st.sampled_from(ODD_DATES), st.dates().map(lambda d: d.isoformat()), numbers)


def valid_or(valid, hostile=numbers):
    """Mostly hostile, sometimes a value the form accepts (so the success path is fuzzed too)."""
    values = list(valid) if isinstance(valid, (list, tuple)) else [valid]
    return st.one_of(st.sampled_from(values), hostile)


#: rows written by merely opening a form, not by what it submits (Wagtail subscribes the editor to
#: the page's comment notifications the first time they open its editor)
NOT_SUBMITTED = {"wagtailcore.PageSubscription"}


def row_counts(*app_labels):
    """``{model label: rows}`` for every concrete model of these apps."""
    return {model._meta.label: model._default_manager.count()
            for label in app_labels for model in apps.get_app_config(label).get_models()
            if not model._meta.proxy and model._meta.label not in NOT_SUBMITTED}


def grown(before, after):
    """The models that gained (or lost) rows: ``{label: difference}``."""
    return {label: after[label] - before[label] for label in after if after[label] != before[label]}
