"""Owner lists in the shapes other governments write them (roles + org_names together)."""

from __future__ import annotations

from extract.org_names import resolve_org, split_org_list
from extract.roles import parse_owner_text


def test_levels_listed_inside_one_collective_are_one_org():
    assert split_org_list("市人保局，各市(县)、区政府") == ["市人保局", "各市（县、区）政府"]
    assert split_org_list("各州、市人民政府") == ["各州（市）人民政府"]
    # Both spellings resolve to one collective.
    assert resolve_org("各县、市、区政府", "滁州市").name == \
        resolve_org("各县（市、区）政府", "滁州市").name == "滁州市各县（市、区）政府"


def test_a_collective_of_an_org_is_not_two_names():
    assert split_org_list("市疫情防控指挥部各工作组，市直各相关部门") == [
        "市疫情防控指挥部各工作组", "市直各相关部门"]
    # ... but names glued together in a table cell are split.
    assert split_org_list("市财政局市工业和信息化局各县市区政府") == [
        "市财政局", "市工业和信息化局", "各县市区政府"]


def test_the_government_s_own_bodies_share_its_name_others_do_not():
    assert split_org_list("市政府各部门、各直属单位") == ["市政府各部门", "市政府各直属单位"]
    assert split_org_list("市政府各部门、各有关单位") == ["市政府各部门", "各有关单位"]


def test_bodies_included_in_brackets_are_owners_too():
    parsed = parse_owner_text("市政府办公室、各区县政府（含南太湖新区、长合区管委会）",
                              "responsible")
    assert parsed.owners == [("市政府办公室", "responsible"), ("各区县政府", "responsible"),
                             ("南太湖新区管委会", "responsible"),
                             ("长合区管委会", "responsible")]


def test_a_lead_marked_after_or_before_the_name():
    assert parse_owner_text("市发改委（牵头）、市财政局、市税务局", "responsible").owners == [
        ("市发改委", "lead"), ("市财政局", "responsible"), ("市税务局", "responsible")]
    assert parse_owner_text("★区发改委、统计局", "responsible").owners == [
        ("区发改委", "lead"), ("区统计局", "responsible")]
    assert parse_owner_text("*市委组织部（市委人才办）、\n市人力社保局", "responsible").owners == [
        ("市委组织部（市委人才办）", "lead"), ("市人力社保局", "responsible")]


def test_owners_named_as_the_holders_of_a_duty() -> None:
    from extract.roles import parse_owner_text

    def read(text: str) -> list[tuple[str, str]]:
        return parse_owner_text(text, "responsible").owners

    assert read("市教育局为第一责任单位，市财政局为责任单位") == [
        ("市教育局", "lead"), ("市财政局", "responsible")]
    assert read("市农牧局是责任主体，市财政局配合") == [
        ("市农牧局", "responsible"), ("市财政局", "assist")]
    assert read("市水务局牵头抓总，市财政局、市住建局各负其责") == [
        ("市水务局", "lead"), ("市财政局", "responsible"), ("市住建局", "responsible")]
    assert read("分别由市教育局、市卫健委负责") == [
        ("市教育局", "responsible"), ("市卫健委", "responsible")]
    assert read("具体由市商务局承办") == [("市商务局", "responsible")]
    # 承办/牵头 before 单位 is a noun: 各承办单位 are the assistants here.
    assert read("市政府办公室负责，各承办单位配合") == [
        ("市政府办公室", "responsible"), ("各承办单位", "assist")]
