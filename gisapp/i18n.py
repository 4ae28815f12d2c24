"""UI strings in Chinese first, English alongside."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "东昌府区规划图集", "en": "Dongchangfu Plan Atlas"},
    "app_caption": {
        "zh": "据东昌府区产业规划、商务发展规划与三年行动计划整理；每条信息均注明出处。",
        "en": (
            "Compiled from Dongchangfu's industrial plan, commerce plan and three-year action plan; "
            "every fact is cited."
        ),
    },
    "language": {"zh": "语言 / Language", "en": "语言 / Language"},
    "towns": {"zh": "所在镇街", "en": "Towns"},
    "area": {"zh": "面积（示意）", "en": "Area (schematic)"},
    "position": {"zh": "位置（规划原文）", "en": "Position (as the plan says)"},
    "targets": {"zh": "规划目标", "en": "Targets"},
    "caveats": {"zh": "说明与存疑", "en": "Caveats"},
    "sources": {"zh": "出处", "en": "Sources"},
    "lines": {"zh": "行", "en": "lines"},
    "schematic_note": {
        "zh": "示意：本要素的形状与位置未经测绘，仅示意规划所述关系。",
        "en": "Schematic (示意): this shape and position are not surveyed; they only show what the plan describes.",
    },
    "none_stated": {"zh": "规划未写明。", "en": "Not stated in the plans."},
    "basemap": {"zh": "底图", "en": "Basemap"},
    "layers": {"zh": "图层", "en": "Layers"},
    "search": {"zh": "搜索（名称、产业、项目、企业）", "en": "Search (names, industries, projects, firms)"},
    "search_hint": {"zh": "例如：轴承、葡萄、新能源汽车", "en": "e.g. 轴承, bearings, grapes"},
    "results": {"zh": "搜索结果", "en": "Results"},
    "no_results": {"zh": "规划中没有找到相关内容。", "en": "Nothing in the plans matches."},
    "click_hint": {
        "zh": "点击地图上的任意区域、线或点，查看规划对它的表述与出处；也可搜索或在下方表格中选择。",
        "en": (
            "Click any area, line or point on the map to read what the plans say about it; "
            "or search, or pick a row below."
        ),
    },
    "clear": {"zh": "清除选择", "en": "Clear selection"},
    "open_profile": {"zh": "查看画像 →", "en": "Profile →"},
    "schematic_map_note": {
        "zh": "图中镇街边界、园区范围与点位均为示意（未经测绘），依据规划文字与参考点位生成。",
        "en": (
            "Town boundaries, zone extents and points are schematic (not surveyed), "
            "derived from the plan text and reference points."
        ),
    },
    "table": {"zh": "属性表（可见图层）", "en": "Attribute table (visible layers)"},
    "filter": {"zh": "筛选", "en": "Filter"},
    "table_count": {"zh": "共 {count} 条", "en": "{count} rows"},
    "col_name": {"zh": "名称", "en": "Name"},
    "col_layer": {"zh": "图层", "en": "Layer"},
    "col_towns": {"zh": "镇街", "en": "Towns"},
    "col_industries": {"zh": "规划产业", "en": "Planned industries"},
    "col_area_km2": {"zh": "面积（km²，示意）", "en": "Area (km², schematic)"},
    "col_schematic": {"zh": "示意", "en": "Schematic"},
    "col_id": {"zh": "编号", "en": "ID"},
    "legend": {"zh": "图例", "en": "Legend"},
    "export": {"zh": "导出（图片、HTML、数据）", "en": "Export (images, HTML, data)"},
    "export_map": {"zh": "地图图片（打印版式）", "en": "Map image (print layout)"},
    "format": {"zh": "格式", "en": "Format"},
    "paper": {"zh": "纸张", "en": "Paper"},
    "orientation": {"zh": "方向", "en": "Orientation"},
    "landscape": {"zh": "横向", "en": "Landscape"},
    "portrait": {"zh": "纵向", "en": "Portrait"},
    "extent": {"zh": "范围", "en": "Extent"},
    "whole_district": {"zh": "全区", "en": "Whole district"},
    "selected": {"zh": "当前选中要素", "en": "Selected feature"},
    "current_view": {"zh": "当前地图视图", "en": "Current map view"},
    "view_pending": {
        "zh": "请平移或缩放一次地图，以取得当前视图范围。",
        "en": "Pan or zoom the map once so it reports its view.",
    },
    "make_map": {"zh": "生成地图", "en": "Make map"},
    "download_file": {"zh": "下载 {name}", "en": "Download {name}"},
    "export_html": {
        "zh": "交互地图（单个 HTML 文件，离线可开）",
        "en": "Interactive map (one HTML file, opens offline)",
    },
    "make_html": {"zh": "生成 HTML", "en": "Make HTML"},
    "make_data": {"zh": "准备数据文件", "en": "Prepare data files"},
    "export_data": {"zh": "数据（全部规划要素）", "en": "Data (all plan features)"},
    "profile_title": {"zh": "区域画像", "en": "Zone profile"},
    "profile_caption": {
        "zh": "规划对每个区域的表述：产业、项目、企业、目标与出处；可下载 PDF/PNG 画像。",
        "en": (
            "What the plans say about each zone — industries, projects, firms, targets and sources; download a PDF/PNG."
        ),
    },
    "profile_choose": {"zh": "选择区域、园区、镇街或轴线", "en": "Choose a zone, park, town or axis"},
    "match_title": {"zh": "按产业找区域", "en": "Find zones by industry"},
    "match_examples": {"zh": "常见产业", "en": "Common industries"},
    "match_input": {"zh": "或输入产业", "en": "or type an industry"},
    "match_none": {
        "zh": "规划中没有区域写到“{industry}”。可换一个更短或更通用的词（如“冷链”“汽车”），或在画像页浏览各区域。",
        "en": "No zone in the plans names “{industry}”. Try a shorter or more general term (e.g. 冷链, 汽车).",
    },
    "match_open": {"zh": "查看", "en": "Open"},
    "locator": {"zh": "位置示意（红色）", "en": "Location (red, schematic)"},
    "downloads": {"zh": "下载画像", "en": "Download"},
    "sheet_lang": {"zh": "画像语言", "en": "Sheet language"},
    "make_files": {"zh": "生成 PDF / PNG", "en": "Make PDF / PNG"},
    "making": {"zh": "正在生成…", "en": "Making files…"},
    "download_pdf": {"zh": "下载 PDF 画像", "en": "Download PDF profile"},
    "download_png": {"zh": "下载 PNG 画像", "en": "Download PNG profile"},
    "download_map": {"zh": "下载区域地图 PNG", "en": "Download zone map PNG"},
    "legend_note": {
        "zh": "虚线边界与点位为示意，未经测绘。",
        "en": "Dashed outlines and points are schematic, not surveyed.",
    },
}


def t(key: str, lang: str) -> str:
    """The UI string `key` in `lang` ('zh' or 'en')."""
    return STRINGS[key][lang]
