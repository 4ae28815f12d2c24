"""Bilingual text, Chinese first: one `Text` for data and UI strings, one `t(key, lang)` for the UI.

`lang` is 'zh', 'en', or 'both' (Chinese then English, for bilingual hand-outs). This is the only
module that decides what each language gets.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

LANGS = ("zh", "en")  # what a reader can choose on screen
SHEET_LANGS = ("zh", "en", "both")  # what a printed hand-out can be in
LANG_NAMES = {"zh": "中文", "en": "English", "both": "中英 Bilingual"}


class Text(BaseModel):
    """A text in Chinese with its curated English translation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang`; 'both' gives Chinese then English."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        if lang == "both":
            return self.zh if self.zh == self.en else f"{self.zh} {self.en}"
        raise ValueError(f"language must be one of {SHEET_LANGS}, got {lang!r}")

    def named(self, lang: str) -> str:
        """A proper name: in English the Chinese original stays beside it, as readers meet it on site."""
        if lang == "en":
            return f"{self.en} ({self.zh})"
        return self.get(lang)


def _t(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)


STRINGS: dict[str, Text] = {
    # the application
    "app_title": _t("东昌府区规划图集", "Dongchangfu Plan Atlas"),
    "app_caption": _t(
        "据东昌府区产业规划、商务发展规划与三年行动计划整理；每条信息均注明出处。",
        "Compiled from Dongchangfu's industrial plan, commerce plan and three-year action plan; every fact is cited.",
    ),
    "district": _t("东昌府区", "Dongchangfu District"),
    "data_error": _t(
        "图集数据有误，地图暂不能显示。请数据维护人员按下列问题修正后刷新页面：",
        "The atlas data has problems, so the map cannot be shown. The data's maintainer can fix these, then reload:",
    ),
    "more_problems": _t("另有 {count} 个问题（见服务器日志或 python -m gisapp validate）。",
                        "{count} more (see python -m gisapp validate)."),
    "language": _t("语言 / Language", "语言 / Language"),
    # punctuation that differs between the languages
    "colon": _t("：", ": "),
    "list_sep": _t("、", ", "),
    "comma": _t("，", ", "),
    "item_sep": _t("；", "; "),
    "paren": _t("（{}）", " ({})"),
    # what is schematic: one wording for a feature, one for a map, one mark, one legend key
    "schematic_feature": _t(
        "示意：本要素的形状与位置未经测绘，依据规划文字与参考点位生成，仅示意规划所述关系。",
        "Schematic (示意): this shape and position are not surveyed; they are derived from the plan text and "
        "reference points and only show what the plan describes.",
    ),
    "schematic_map": _t(
        "示意图：镇街边界、园区范围与点位均未经测绘，依据规划文字与参考点位生成，仅示意规划所述关系。",
        "Schematic map: town boundaries, zone extents and points are not surveyed; they are derived from the plan "
        "text and reference points and only show what the plans describe.",
    ),
    "schematic_mark": _t("（示意）", " (schematic)"),
    "schematic_legend": _t(
        "虚线边界与点位为示意，未经测绘。", "Dashed outlines and points are schematic, not surveyed."
    ),
    # a feature's profile
    "towns": _t("所在镇街", "Towns"),
    "area": _t("面积（示意）", "Area (schematic)"),
    "position": _t("位置（规划原文）", "Position (as the plan says)"),
    "targets": _t("规划目标", "Targets"),
    "caveats": _t("说明与存疑", "Caveats"),
    "sources": _t("出处", "Sources"),
    "basis": _t("依据", "Basis"),
    "lines": _t("行", "lines"),
    "no_value": _t("（无数值）", "(no value given)"),
    "no_year": _t("年份未写明", "year not given"),
    "none_stated": _t("规划未写明。", "Not stated in the plans."),
    "section_functions": _t("定位与功能", "Role and functions"),
    "section_industries": _t("规划产业", "Planned industries"),
    "section_projects": _t("项目", "Projects"),
    "section_enterprises": _t("企业", "Enterprises"),
    "section_landmarks": _t("依托资源与地标", "Assets and landmarks"),
    "section_specialties": _t("特色产业", "Specialties"),
    "section_heritage": _t("历史文化与非遗", "Heritage"),
    # the map explorer
    "basemap": _t("底图", "Basemap"),
    "layers": _t("图层", "Layers"),
    "search": _t("搜索（名称、产业、项目、企业）", "Search (names, industries, projects, firms)"),
    "search_hint": _t("例如：轴承、葡萄、新能源汽车", "e.g. 轴承, bearings, grapes"),
    "results": _t("搜索结果", "Results"),
    "no_results": _t("规划中没有找到相关内容。", "Nothing in the plans matches."),
    "click_hint": _t(
        "点击地图上的任意区域、线或点，查看规划对它的表述与出处；也可搜索或在下方表格中选择。",
        "Click any area, line or point on the map to read what the plans say about it; or search, or pick a row "
        "below.",
    ),
    "clear": _t("清除选择", "Clear selection"),
    "open_profile": _t("查看画像 →", "Profile →"),
    "table": _t("属性表（可见图层）", "Attribute table (visible layers)"),
    "filter": _t("筛选", "Filter"),
    "table_count": _t("共 {count} 条", "{count} rows"),
    "col_name": _t("名称", "Name"),
    "col_layer": _t("图层", "Layer"),
    "col_towns": _t("镇街", "Towns"),
    "col_industries": _t("规划产业", "Planned industries"),
    "col_area_km2": _t("面积（km²，示意）", "Area (km², schematic)"),
    "col_schematic": _t("示意", "Schematic"),
    "col_id": _t("编号", "ID"),
    "legend": _t("图例", "Legend"),
    # exports
    "export": _t("导出（图片、HTML、数据）", "Export (images, HTML, data)"),
    "export_map": _t("地图图片（打印版式）", "Map image (print layout)"),
    "format": _t("格式", "Format"),
    "paper": _t("纸张", "Paper"),
    "orientation": _t("方向", "Orientation"),
    "landscape": _t("横向", "Landscape"),
    "portrait": _t("纵向", "Portrait"),
    "extent": _t("范围", "Extent"),
    "whole_district": _t("全区", "Whole district"),
    "selected": _t("当前选中要素", "Selected feature"),
    "current_view": _t("当前地图视图", "Current map view"),
    "select_first": _t("请先在地图上选择一个要素。", "Select a feature on the map first."),
    "view_pending": _t(
        "请平移或缩放一次地图，以取得当前视图范围。", "Pan or zoom the map once so it reports its view."
    ),
    "make_map": _t("生成地图", "Make map"),
    "download_file": _t("下载 {name}", "Download {name}"),
    "export_html": _t("交互地图（单个 HTML 文件，离线可开）", "Interactive map (one HTML file, opens offline)"),
    "make_html": _t("生成 HTML", "Make HTML"),
    "include_key": _t("在文件中写入天地图密钥", "Write the Tianditu key into the file"),
    "key_left_out": _t(
        "文件中不含天地图密钥：底图需读者自备密钥才能显示。",
        "The Tianditu key is left out: its tiles load only with a key.",
    ),
    "key_included": _t(
        "注意：密钥将随文件传播，任何拿到文件的人都能使用它。",
        "Warning: the key travels with the file; anyone who has it can use it.",
    ),
    "make_data": _t("准备数据文件", "Prepare data files"),
    "export_data": _t("数据（全部规划要素）", "Data (all plan features)"),
    "csv_download": _t("CSV（事实与出处）", "CSV (facts & sources)"),
    "map_title": _t("东昌府区规划图", "Dongchangfu District Plan Map"),
    "map_date": _t("制图日期：", "Map date: "),
    "crs_note": _t(
        "坐标系：CGCS2000 / 3度带高斯-克吕格 中央经线117°E（{crs}）",
        "CRS: CGCS2000 / 3-degree Gauss-Kruger CM 117E ({crs})",
    ),
    "generated": _t("生成日期", "Generated"),
    # the zone-profile page
    "profile_title": _t("区域画像", "Zone profile"),
    "profile_caption": _t(
        "规划对每个区域的表述：产业、项目、企业、目标与出处；可下载 PDF/PNG 画像。",
        "What the plans say about each zone — industries, projects, firms, targets and sources; download a PDF/PNG.",
    ),
    "profile_choose": _t("选择区域、园区、镇街或轴线", "Choose a zone, park, town or axis"),
    "match_title": _t("按产业找区域", "Find zones by industry"),
    "match_examples": _t("常见产业", "Common industries"),
    "match_input": _t("或输入产业", "or type an industry"),
    "match_none": _t(
        "规划中没有区域写到“{industry}”。可换一个更短或更通用的词（如“冷链”“汽车”），或在画像页浏览各区域。",
        "No zone in the plans names “{industry}”. Try a shorter or more general term (e.g. 冷链, 汽车).",
    ),
    "match_open": _t("查看", "Open"),
    "locator": _t("位置示意（红色）", "Location (red, schematic)"),
    "downloads": _t("下载画像", "Download"),
    "sheet_lang": _t("画像语言", "Sheet language"),
    "make_files": _t("生成 PDF / PNG", "Make PDF / PNG"),
    "making": _t("正在生成…", "Making files…"),
    "download_pdf": _t("下载 PDF 画像", "Download PDF profile"),
    "download_png": _t("下载 PNG 画像", "Download PNG profile"),
    "download_map": _t("下载区域地图 PNG", "Download zone map PNG"),
    "profile_suffix": _t("画像", "Profile"),
    # projects as a layer (issue 8): fact kinds, the two directions of the zone-project link, not-located projects
    "section_status": _t("进展表述", "Status (as the plan words it)"),
    "section_responsible": _t("责任主体", "Responsible body"),
    "section_city_echoes": _t("市级规划呼应（聊城市）", "City plans echo (Liaocheng, context)"),
    "section_linked_zones": _t("所属/服务片区", "Zone(s) it belongs to or serves"),
    "section_linked_projects": _t("本区域的项目", "Projects in or for this zone"),
    "not_located_tag": _t("规划未定位", "not located by the plan"),
    "not_located_note": _t("规划未给出位置：只列出，不上图", "No place given by the plan: listed, not mapped"),
    "unlocated_title": _t("未定位项目（{n}）", "Projects not located ({n})"),
    "unlocated_caption": _t(
        "规划点名但未给出位置的项目：只列出，不在地图上臆造点位。",
        "Projects the plans name without a place: listed here, never guessed onto the map.",
    ),
}


def first_lang(lang: str) -> str:
    """The language a text is written in first: a bilingual sheet reads Chinese first."""
    return "en" if lang == "en" else "zh"


def second_lang(lang: str) -> str | None:
    """The language printed under each line of a bilingual sheet (English), or None."""
    return "en" if lang == "both" else None


def t(key: str, lang: str) -> str:
    """The UI string `key` in `lang` ('zh', 'en' or 'both')."""
    return STRINGS[key].get(lang)
