"""Generate ``extract/data/gazetteer.tsv``, the national gazetteer, from jionlp's data.

    pip download --no-deps -d /tmp/jio jionlp        # or: pip install jionlp
    python scripts/build_gazetteer.py [--jionlp /tmp/jio/jionlp-*.whl]

Why a generated file rather than a run-time dependency: jionlp (Apache-2.0) ships the
administrative-division list of China as ``dictionary/china_location.zip`` (with towns and
villages, 12 MB unpacked) and its renames as ``dictionary/china_location_change.txt``.
Importing jionlp pulls in numpy and its own segmenter and reads far more than we need;
the provinces, prefectures and county-level divisions we use fit in a ~200 KB table that
loads in milliseconds, is reviewed as a diff when regenerated, and keeps a fresh clone
working without the 16 MB wheel. The script reads the data straight from the wheel (or an
installed jionlp) without importing jionlp.

What it writes, per place (columns in the file's header):
- the canonical full name, its parent (prefecture for a county, province for a prefecture),
  its kind and its 6-digit code;
- *aliases*: other full spellings that may be matched anywhere (``双江县`` for
  ``双江拉祜族佤族布朗族傣族自治县``, ``大理州`` for ``大理白族自治州``);
- *short* forms (``吴江``, ``郑州``), matched only as the place prefix of an organisation
  name (``吴江海关``), never in running text. A county's short form that is an everyday
  word (jieba's dictionary frequency >= 1000: ``公安`` of 公安县, ``和平`` of 和平区) or
  that a prefecture also uses is left out: the full name still works;
- *strict* = 1 for names that are everyday words or read as parts of everyday phrases
  (``城区``, ``和县`` as in 市和县, ``成县`` as in 完成县, ``高港区`` as in 提高港区: two-character
  names with a common first character, and names of other provinces found in the bundled
  sample corpus's prose): they count only inside an organisation name (``和县人民政府``),
  never in task text;
- former names (``襄樊市``, ``偃师市``, ``江干区``) from the change list, each as its own
  place with the ``successor`` it became, so a 2017 document's 偃师市 stays 偃师市.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extract" / "data" / "gazetteer.tsv"

# Short forms that are an everyday word: jieba dictionary frequency at or above this.
_EVERYDAY_FREQ = 1000
# Two-character county names whose first character is this frequent as a word are
# strict: 和县 (市和县), 新县, 南县, 东区 read as phrases in running text.
_COMMON_CHAR_FREQ = 3000
_ZONE = re.compile(r"(?:开发区|园区|产业园|新区|管理区|新城|管委会|行政委员会|试验区|实验区)$")
# Names that are a zone whatever their code (成都高新技术产业开发区 has a district's code).
_ZONE_NAME = re.compile(r"(?:开发区|园区|产业园|管理区|管委会|行政委员会)$")
_ZONE_ENDINGS = (
    ("高新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"), ("高新技术产业园区", "高新区"),
    ("经济技术开发区", "经开区"), ("经济开发区", "经开区"),
)
_ZONE_SHORT_END = re.compile(r"(?:区|园|城)$")
_GENERIC_ZONE_END = re.compile(
    r"(?:高新区|经开区|开发区|示范区|保税区|产业园|工业园|新城区|物流区|新区|管理区|园区)$")
_GENERIC_ZONE_SHORTS = frozenset(
    {"高新区", "经开区", "新区", "管理区", "产业园", "工业园", "化工园区", "临港区"}
)


@dataclass
class Row:
    name: str
    parent: str
    kind: str
    code: str
    short: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    strict: bool = False
    successor: str = "-"


def _open_data(source: str | None) -> tuple[str, str]:
    """(china_location.txt text, china_location_change.txt text) from a wheel or install."""
    if source and source.endswith(".whl"):
        with zipfile.ZipFile(source) as wheel:
            inner = wheel.read("jionlp/dictionary/china_location.zip")
            change = wheel.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    else:
        base = Path(source) if source else None
        if base is None:
            spec = find_spec("jionlp")
            if spec is None or spec.origin is None:
                sys.exit("jionlp not found: pass --jionlp PATH (a wheel or the package folder)")
            base = Path(spec.origin).parent
        inner = (base / "dictionary" / "china_location.zip").read_bytes()
        change = (base / "dictionary" / "china_location_change.txt").read_text(encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(inner)) as z:
        text = z.read("china_location.txt").decode("utf-8")
    return text, change


def _jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        words[word] = (int(freq), tag)
    return words


def _county_kind(name: str, code: str) -> str:
    # Codes xxxx71-xxxx79 are the statistical codes of development zones and other
    # areas that are run like a county (经济技术开发区, 管理区, 新区).
    if (len(code) == 6 and code[4] == "7") or _ZONE_NAME.search(name) or (
        code == "-" and _ZONE.search(name)
    ):
        return "development_zone"
    if name.endswith("市"):
        return "county_city"
    if name.endswith("区"):
        return "district"
    return "county"


def _variants(name: str, short: str) -> list[str]:
    """Other full spellings of a county or prefecture: 双江县, 大理州, 管城区."""
    out: list[str] = []
    if not short or short == name:
        return out
    if name.endswith("自治县"):
        out += [short + "县", short + "自治县"]
    elif name.endswith("自治旗"):
        out += [short + "旗"]
    elif name.endswith("族区"):
        out += [short + "区"]
    elif name.endswith("自治州"):
        out += [short + "州"]
    elif name.endswith("地区"):
        out += [short + "地区"]
    return [v for v in out if v != name]


def _specific_zone_short(short: str) -> bool:
    """A zone's short form that names it alone (新站区, 苏滁产业园), not a generic word."""
    return (len(short) >= 3 and _ZONE_SHORT_END.search(short) is not None
            and _GENERIC_ZONE_END.search(short) is None)


def _zone_aliases(name: str, short: str, city: str, city_short: str,
                  province: str, province_short: str) -> list[str]:
    """郑州高新技术产业开发区 -> 郑州高新区; 河南三门峡经济开发区 -> 三门峡经济开发区,
    三门峡经开区. Every alias starts with its city's name: a zone's generic short form
    (经开区, 高新区) alone names no place."""
    heads = [h for h in (city, city_short) if h]
    body = name
    for lead in (province, province_short):
        rest = body[len(lead):] if lead and body.startswith(lead) else ""
        if rest and any(rest.startswith(h) for h in heads):
            body = rest
    out: list[str] = []
    if body != name:
        out.append(body)
    head = next((h for h in heads if body.startswith(h)), None)
    specific = bool(short) and short != name and _specific_zone_short(short)
    if head is not None and (short in ("高新区", "经开区") or specific):
        kept = short if short.startswith(head) else head + short
        out.append(kept)
        if head == city and city_short:
            out.append(city_short + kept[len(city):])
        elif head == city_short and city:
            out.append(city + kept[len(city_short):])
    if specific:
        out.append(short)
    # 合肥新站高新技术产业开发区 -> 合肥新站高新区, 新站高新区 (the zone's own name + the
    # usual short ending)
    for long_end, short_end in _ZONE_ENDINGS:
        if head is not None and body.endswith(long_end):
            mid = body[len(head) : len(body) - len(long_end)]
            if mid:
                out.append(head + mid + short_end)
                if len(mid) >= 2:
                    out.append(mid + short_end)
            break
    return [a for a in dict.fromkeys(out) if a != name and a not in _GENERIC_ZONE_SHORTS]


def parse_locations(text: str) -> list[Row]:
    rows: list[Row] = []
    province = city = ("", "", "")  # name, short, kind
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2 or not line.strip():
            continue
        parts = line.strip("\t").split("\t")
        name = parts[0]
        code = parts[1] if len(parts) > 1 else "-"
        short = parts[2] if len(parts) > 2 else ""
        if depth == 0:
            municipality = name.endswith("市")
            kind = "municipality" if municipality else "province"
            province = (name, short, kind)
            rows.append(Row(name, "-", kind, code, [short] if short != name else []))
            city = ("", "", "")
        elif depth == 1:
            if name == province[0]:
                city = province  # a municipality's own districts
                continue
            if "直辖" in name:
                city = province  # 省直辖县级行政区划: counties under the province
                continue
            city = (name, short, "city")
            shorts = [short] if short and short != name else []
            rows.append(Row(name, province[0], "city", code, shorts, _variants(name, short)))
        else:
            if "直辖" in name:
                continue
            kind = _county_kind(name, code)
            row = Row(name, city[0], kind, code)
            if kind == "development_zone":
                row.aliases = _zone_aliases(name, short, city[0], city[1], province[0], province[1])
            else:
                row.aliases = _variants(name, short)
                if short and short != name and len(short) >= 2:
                    row.short = [short]
            rows.append(row)
    return rows


def add_former_names(rows: list[Row], change: str) -> None:
    """Former names (襄樊市, 偃师市) as places of their own, pointing at their successor."""
    have = {(r.name, r.parent) for r in rows}
    names = {r.name for r in rows}
    for line in change.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_parts = old.split("\t")[2:]
        new_parts = [p for p in new.split("\t") if p]
        # old: province, short, [city, short, [county, short]]; new: province, [city, [county]]
        old_names = old_parts[0::2]
        if len(old_names) < 2:
            continue
        level = len(old_names)
        name = old_names[-1]
        short = old_parts[-1]
        if level == 2:
            parent, kind = old_names[0], "city"
        else:
            parent = old_names[1] if old_names[1] in names else new_parts[1]
            kind = _county_kind(name, "-")
        successor = new_parts[-1]
        if (name, parent) in have or successor == name:
            continue
        if name.endswith(("群岛", "地区")) and level == 3:
            continue
        row = Row(name, parent, kind, "-", [], _variants(name, short), False, successor)
        if short and short != name and len(short) >= 2 and kind != "city":
            row.short = [short]
        rows.append(row)
        have.add((name, parent))
        names.add(name)


def _province_of(row: Row, by_name: dict[str, Row]) -> str:
    seen = 0
    while row.parent != "-" and row.parent in by_name and seen < 4:
        row = by_name[row.parent]
        seen += 1
    return row.name


def mark_words(rows: list[Row], words: dict[str, tuple[int, str]], prose: str) -> None:
    """Drop everyday-word short forms; mark names that read as everyday words strict.

    ``prose`` is ordinary government text (the bundled sample corpus, one province's):
    a county of another province found in it can only be a collision with ordinary
    words (提高港区 holds 高港区, 完成县 holds 成县, 杨东方市发展… holds 东方市).
    """
    prefecture_shorts = {s for r in rows if r.kind in ("city", "province", "municipality")
                         for s in r.short}
    by_name = {r.name: r for r in rows if r.kind in ("city", "province", "municipality")}
    prose_provinces = {_province_of(r, by_name) for r in rows
                       if r.kind == "city" and r.name in prose}
    county_level = [r for r in rows if r.kind not in ("city", "province", "municipality")]
    for r in county_level:
        r.short = [s for s in r.short
                   if words.get(s, (0, ""))[0] < _EVERYDAY_FREQ and s not in prefecture_shorts
                   and s not in _GENERIC_ZONE_SHORTS and not _GENERIC_ZONE_END.search(s)]
        for spelling in [r.name, *r.aliases]:
            _, tag = words.get(spelling, (0, ""))
            if len(spelling) == 2 and (
                tag not in ("", "ns") or words.get(spelling[0], (0, ""))[0] >= _COMMON_CHAR_FREQ
            ):
                r.strict = True  # 城区, 矿区 are words; 和县, 新县 read as 市和县, 重新县
            if spelling in prose and _province_of(r, by_name) not in prose_provinces:
                r.strict = True


def write(rows: list[Row], out: Path, source: str) -> None:
    header = f"""# National gazetteer: provinces, prefectures and county-level divisions of China.
# GENERATED by scripts/build_gazetteer.py from jionlp's administrative-division data
# ({source}; Apache-2.0). Do not edit by hand: curated additions and overrides
# (development zones, extra spellings, strict flags) go in districts.tsv, which wins.
#
# Columns (tab-separated, "-" for none, "|" between several):
#   name       canonical full name
#   aliases    other full spellings, matched anywhere (双江县, 大理州)
#   parent     the enclosing place: the prefecture of a county, the province of a prefecture
#   kind       province | municipality | city | district | county | county_city |
#              development_zone
#   strict     1: an everyday word, matched only inside an organisation name
#   short      short forms (吴江, 郑州), matched only as an organisation name's place prefix
#   code       administrative code ("-" for a former name)
#   successor  what a former name became ("-" for a current place)
# name	aliases	parent	kind	strict	short	code	successor
"""
    lines = [header.rstrip("\n")]
    order = {"province": 0, "municipality": 0, "city": 1}
    for r in sorted(rows, key=lambda r: (r.code == "-", r.code, order.get(r.kind, 2), r.name)):
        lines.append("\t".join([
            r.name, "|".join(r.aliases) or "-", r.parent, r.kind, "1" if r.strict else "0",
            "|".join(r.short) or "-", r.code, r.successor,
        ]))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jionlp", help="a jionlp wheel or package folder (default: installed)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    text, change = _open_data(args.jionlp)
    rows = parse_locations(text)
    add_former_names(rows, change)
    prose = re.sub(r"\s+", "", "".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "corpus").glob("*.txt"))))
    mark_words(rows, _jieba_words(), prose)
    source = Path(args.jionlp).name if args.jionlp else "installed jionlp"
    write(rows, Path(args.out), source)
    print(f"{len(rows)} places -> {args.out}")


if __name__ == "__main__":
    main()
