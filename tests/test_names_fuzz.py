"""Organisation-name and place functions never raise, whatever the text (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.districts import (
    district_of_org,
    districts_in_text,
    lookup_place,
    place_prefix,
    resolve_place,
)
from extract.models import ORG_KINDS
from extract.org_names import (
    _clean_item,
    infer_jurisdiction,
    jurisdiction_of,
    looks_like_org,
    normalise_org_text,
    resolve_org,
    split_org_list,
    unplaced_jurisdiction,
)

# Text made of the characters names are built from, so that the functions' real paths
# run (places, levels, endings, separators, brackets), mixed with anything else,
# surrogates included.
_NAME_CHARS = (
    "市区县省镇乡街道局委办厅部会司集团公司中心专班指挥各有关部门政府管委开发高新新园"
    "郑州苏吴江中西湖鼓楼和及与、，,；;：:（）()〔〕【】★* \n"
)
_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(_NAME_CHARS), st.characters()), max_size=200
)
_JURISDICTIONS = st.sampled_from(
    [None, "郑州市", "苏州市吴中区", "吴中区", "杭州市西湖区", "河南省", "某某县",
     unplaced_jurisdiction("doc-x"), "", "（）"]
)
_SETTINGS = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(text=_TEXT, jurisdiction=_JURISDICTIONS)
def test_list_and_name_functions_never_raise(text, jurisdiction):
    items = split_org_list(text)
    assert all(isinstance(i, str) and i for i in items)
    assert isinstance(looks_like_org(text), bool)
    for item in items:
        org = resolve_org(item, jurisdiction)
        assert org.kind in ORG_KINDS and org.name


@_SETTINGS
@given(text=_TEXT, jurisdiction=_JURISDICTIONS)
def test_resolve_raises_only_on_a_mention_with_no_name(text, jurisdiction):
    cleaned = _clean_item(normalise_org_text(text).lstrip("★☆*＊※▲△●◆"))
    try:
        org = resolve_org(text, jurisdiction)
    except ValueError:
        assert not cleaned
    else:
        assert cleaned and org.name


@_SETTINGS
@given(text=_TEXT, jurisdiction=_JURISDICTIONS)
def test_place_functions_never_raise(text, jurisdiction):
    districts_in_text(text, known=[text[:5]], within=jurisdiction)
    district_of_org(text, jurisdiction)
    lookup_place(text)
    resolve_place(text, jurisdiction)
    place_prefix(text, jurisdiction)
    jurisdiction_of(text)
    infer_jurisdiction(text, text[:10])
