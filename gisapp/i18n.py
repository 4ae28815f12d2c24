"""Bilingual text, Chinese first: one `Text` for data and UI strings, one `t(key, lang)` for the UI.

`lang` is 'zh', 'en', or 'both' (Chinese then English, for bilingual hand-outs). This is the only
module that decides what each language gets.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    # the data page: importing official boundaries, versions
    "data_title": _t("数据：导入边界与版本", "Data: import boundaries, versions"),
    "data_caption": _t(
        "导入区规划局等提供的正式边界或园区范围，替换示意形状；每次接受都保存为一个版本，可随时撤销。规划内容与出处不变。",
        "Import official boundaries or zone outlines to replace the schematic shapes; every accepted import is kept "
        "as a version and can be undone. The plans' facts and citations stay as they are.",
    ),
    "import_title": _t("导入边界", "Import boundaries"),
    "import_limits": _t(
        "格式：{formats}。上传不超过 {upload_mb} MB；压缩包解压后不超过 {unpacked_mb} MB；"
        "每层不超过 {features} 个要素。Shapefile 请将 .shp/.shx/.dbf/.prj（及 .cpg）打包为 zip。",
        "Formats: {formats}. Uploads up to {upload_mb} MB; zips up to {unpacked_mb} MB unpacked; at most {features} "
        "features per layer. Zip a Shapefile's .shp/.shx/.dbf/.prj (and .cpg) together.",
    ),
    "import_file": _t("选择文件", "Choose a file"),
    "import_layer": _t("替换哪一图层的形状", "Replace the shapes of layer"),
    "import_crs": _t("坐标系", "Coordinate system"),
    "import_field": _t("名称或代码字段", "Name or code field"),
    "import_source_layer": _t("读取文件中的哪个图层", "Layer of the file to read"),
    "auto_layer": _t("自动（{layer}）", "Automatic ({layer})"),
    "auto": _t("自动识别", "Detect"),
    "import_summary": _t(
        "{file}（{format}，图层 {layer}）：读取 {read} 个要素，匹配 {matched} 个，未匹配 {unmatched} 个；"
        "坐标系 {crs}（{how}）；匹配字段 {field}。",
        "{file} ({format}, layer {layer}): {read} features read, {matched} matched, {unmatched} not matched; "
        "CRS {crs} ({how}); matched on field {field}.",
    ),
    "crs_given": _t("用户指定", "given"),
    "crs_declared": _t("文件声明", "declared by the file"),
    "crs_declared_as": _t(
        "文件声明为 {declared}，二者在本区相差不到 1 米，按 CGCS2000 经纬度读取",
        "the file declares {declared}, within a metre of it here, read as CGCS2000 lon/lat",
    ),
    "crs_detected": _t("据坐标识别", "detected from the coordinates"),
    "crs_ambiguous": _t("无法确定，请指定", "ambiguous: choose one"),
    "crs_implausible": _t("不在区内，请检查", "lands outside the district: check"),
    "crs_unknown": _t("无法识别，请指定", "unknown: choose one"),
    "crs_candidates": _t("候选坐标系及其位置", "Candidate coordinate systems and where each puts the data"),
    "col_feature": _t("图集要素", "Atlas feature"),
    "col_imported": _t("文件中的名称", "Name in the file"),
    "col_area_before": _t("原面积 km²", "Area before km²"),
    "col_area_after": _t("新面积 km²", "Area after km²"),
    "col_shift": _t("中心偏移 m", "Centre shift m"),
    "col_repaired": _t("已修复", "Repaired"),
    "import_left_out": _t("未导入的要素（{count}）", "Features left out ({count})"),
    "col_row": _t("行号", "Row"),
    "col_reason": _t("原因", "Reason"),
    "col_crs": _t("坐标系", "CRS"),
    "col_crs_name": _t("名称", "Name"),
    "col_inside": _t("落在区内比例", "Share inside the district"),
    "col_iou": _t("与现状形状重合度（IoU）", "Overlap with the shapes now (IoU)"),
    "col_centre": _t("中心经纬度", "Centre lon/lat"),
    "col_warning": _t("提示", "Warning"),
    "import_not_processed": _t(
        "另有 {n} 个要素尚未匹配：请先解决下方的问题。", " {n} more not matched yet: settle the problem below first."
    ),
    "import_unchanged": _t("保持原形状的图集要素：{ids}", "Atlas features keeping their shape: {ids}"),
    "preview": _t("预览：灰色虚线为现状形状，红色为导入形状", "Preview: grey dashed = shapes now, red = imported"),
    "preview_current": _t("现状", "now"),
    "preview_imported": _t("导入", "imported"),
    "author": _t("姓名（必填）", "Your name (required)"),
    "author_needed": _t("请填写姓名：每个版本都记录由谁完成。", "Give your name: every version records who made it."),
    "version_note": _t("说明", "Note"),
    "version_note_hint": _t("数据来源、日期、用途……", "Source of the data, date, purpose …"),
    "accept_import": _t("接受并保存为新版本", "Accept and save as a new version"),
    "import_done": _t(
        "已保存为版本 {version}（{count} 个要素）。地图、画像与导出现已使用新形状。",
        "Saved as version {version} ({count} features). Map, profiles and exports now use the new shapes.",
    ),
    "history_title": _t("版本历史", "Version history"),
    "history_empty": _t("尚无导入：所有形状均为示意。", "No imports yet: every shape is schematic."),
    "col_version": _t("版本", "Version"),
    "col_time": _t("时间（UTC）", "Time (UTC)"),
    "col_action": _t("操作", "Action"),
    "col_features": _t("要素", "Features"),
    "action_import": _t("导入", "import"),
    "action_trace": _t("描图", "trace"),
    "action_revert": _t("撤销", "revert"),
    "revert_which": _t("撤销哪个版本", "Version to undo"),
    "revert": _t("撤销（另存为新版本）", "Undo (saved as a new version)"),
    "revert_done": _t(
        "已撤销版本 {reverted}，结果保存为版本 {version}。", "Version {reverted} undone; saved as version {version}."
    ),
    "revert_later": _t(
        "{feature}：版本 {later} 在版本 {reverted} 之后又改过它，撤销时一并替换了那一版的形状。",
        "{feature}: version {later} changed it after version {reverted}; that later shape was replaced too.",
    ),
    # the data page: tracing a zone from a plan figure
    "trace_title": _t("从规划附图描绘", "Trace from a plan figure"),
    "trace_caption": _t(
        "上传规划附图（PNG/JPG 或 PDF 的一页，不超过 {mb} MB），在图上点击已知地点并选出它是哪里（至少 3 个控制点），"
        "附图即按拟合叠加到地图上；再用左侧的多边形工具描出范围并保存为版本。描绘的形状仍为示意。",
        "Upload a plan figure (PNG/JPG or one PDF page, up to {mb} MB), click a place you know on it and say which "
        "place it is (at least 3 control points); the figure is then fitted onto the map. Draw the outline with the "
        "polygon tool on the map's left and save it as a version. A traced shape stays schematic.",
    ),
    "trace_file": _t("规划附图", "Plan figure"),
    "trace_page": _t("PDF 页码", "PDF page"),
    "trace_click_hint": _t("在附图上点击一个已知地点", "Click a place you know on the figure"),
    "trace_clicked": _t("已选像素：x {x}，y {y}", "Pixel picked: x {x}, y {y}"),
    "trace_place": _t("这是哪里", "Which place is it"),
    "trace_add_point": _t("添加控制点", "Add control point"),
    "trace_clear_points": _t("清除控制点", "Clear control points"),
    "trace_points_needed": _t(
        "已有 {count} 个控制点，至少需要 3 个。", "{count} control points; at least 3 are needed."
    ),
    "trace_fit": _t("拟合方法", "Fit"),
    "fit_affine": _t("仿射（≥3 点）", "affine (≥3 points)"),
    "fit_polynomial": _t("二次多项式（≥6 点）", "2nd-order polynomial (≥6 points)"),
    "trace_rms": _t("控制点残差均方根 {rms} m", "RMS residual of the control points {rms} m"),
    "trace_uncheckable": _t(
        "控制点数正好等于所需最少数，残差必然为 0，无法检验拟合；再加一个点即可检验。",
        "With exactly the minimum number of points the residuals are 0 by construction and say nothing; add one more "
        "point to check the fit.",
    ),
    "col_point": _t("控制点", "Control point"),
    "col_pixel": _t("像素 x, y", "Pixel x, y"),
    "col_residual": _t("残差 m", "Residual m"),
    "trace_feature": _t("描绘哪个要素", "Feature to trace"),
    "trace_layer": _t("图层", "Layer"),
    "trace_opacity": _t("附图不透明度", "Figure opacity"),
    "trace_map_hint": _t(
        "灰色虚线为该要素现状（示意）形状。用地图左侧的多边形工具描出范围（可描多块，可编辑、删除）。",
        "Grey dashed: the feature's shape now (schematic). Draw the outline with the polygon tool on the map's left "
        "(several parts allowed; edit and delete tools below it).",
    ),
    "trace_drawn": _t("已描绘 {parts} 块，面积 {after} km²（现状 {before} km²）。",
                      "{parts} part(s) drawn, {after} km² (now {before} km²)."),
    "trace_repaired": _t("描绘的形状自相交，已自动修复。", "The drawn outline crossed itself and was repaired."),
    "trace_draw_first": _t("尚未描绘：请先在地图上画出范围。", "Nothing drawn yet: draw the outline on the map first."),
    "trace_save": _t("保存描绘为新版本", "Save the tracing as a new version"),
    "trace_done": _t(
        "已保存为版本 {version}：{name} 的形状现按附图描绘（仍为示意）。",
        "Saved as version {version}: {name} now has the shape traced from the figure (still schematic).",
    ),
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
    "schematic_subtitle": _t("示意图（未经测绘）", "schematic map (not surveyed)"),
    "schematic_badge": _t("示意图 · 未经测绘", "Schematic map · not surveyed"),
    "schematic_legend": _t(
        "虚线边界与点位为示意，未经测绘；实线为导入的正式边界。",
        "Dashed outlines and points are schematic, not surveyed; solid outlines are imported official boundaries."
    ),
    # a feature's profile
    "towns": _t("所在镇街", "Towns"),
    "area": _t("面积", "Area"),
    "area_not_given": _t("规划未给出（图上为示意形状，不计面积）", "not given in the plans (the shape is schematic)"),
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
    "table_count_one": _t("共 1 条", "1 row"),
    "col_name": _t("名称", "Name"),
    "col_layer": _t("图层", "Layer"),
    "col_towns": _t("镇街", "Towns"),
    "col_industries": _t("规划产业", "Planned industries"),
    "col_area_km2": _t("面积（km²，仅实测边界）", "Area (km², surveyed outlines only)"),
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
    "selected_not_located": _t(
        "所选项目规划未给出位置，没有可出图的范围：请选择全区或当前视图。",
        "The selected project has no place in the plans, so no extent to print: choose the district or the view.",
    ),
    "view_extent_note": _t("导出地图上此刻显示的范围。", "Exports the area the map shows at the moment."),
    "view_pending": _t(
        "地图尚未报告当前视图范围：请平移或缩放一次地图后再试。",
        "The map has not reported its view yet: pan or zoom it once, then try again.",
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
    "match_placeholder": _t("轴承、葡萄、冷链 …", "bearings, grapes, cold chain …"),
    "locator": _t("位置示意（红色）", "Location (red, schematic)"),
    "downloads": _t("下载画像", "Download"),
    "sheet_lang": _t("画像语言", "Sheet language"),
    "make_files": _t("生成 PDF / PNG", "Make PDF / PNG"),
    "making": _t("正在生成…", "Making files…"),
    "download_pdf": _t("下载 PDF 画像", "Download PDF profile"),
    "download_png": _t("下载 PNG 画像", "Download PNG profile"),
    "download_map": _t("下载区域地图 PNG", "Download zone map PNG"),
    "profile_suffix": _t("画像", "Profile"),
    # the zone sheet handed to investors: key facts, notes, footnotes, link back to the atlas
    "key_facts": _t("要点", "Key facts"),
    "imported_version": _t("（导入版本 {version}，来源：{source}）", " (imported, version {version}, from {source})"),
    "kf_where": _t("位置", "Location"),
    "kf_area": _t("面积", "Area"),
    "kf_role": _t("定位", "Role"),
    "kf_industries": _t("主导产业", "Lead industries"),
    "kf_specialties": _t("特色产业", "Specialties"),
    "kf_enterprises": _t("重点企业", "Anchor firms"),
    "kf_targets": _t("规划目标", "Targets"),
    "kf_projects": _t("项目", "Projects"),
    "kf_projects_count": _t(
        "规划点名 {count} 项（{located} 项已上图）", "{count} named in the plans ({located} on the map)"
    ),
    "kf_transport": _t("交通", "Transport"),
    "kf_support": _t("支持措施", "Support"),
    "kf_city": _t("市级规划", "City plans"),
    "kf_city_count": _t(
        "聊城市规划有 {count} 处呼应（见下文）", "{count} related statements in Liaocheng's plans (below)"
    ),
    "kf_city_one": _t("聊城市规划有 1 处呼应（见下文）", "1 related statement in Liaocheng's plans (below)"),
    "kf_more": _t(" 等，另有 {count} 项", " and {count} more"),
    "note_form": _t("《{doc}》{at}：“{q}”", "{doc}, {at}: “{q}”"),  # a numbered note: document, lines, quote
    "sheet_notes": _t("注释（规划原文）", "Notes (the plans' own words)"),
    "sheet_caveats": _t(
        "说明：资料中的缺漏、出入与本图集的推断", "Caveats: gaps, conflicts and the atlas's inferences"
    ),
    "sheet_page": _t("第 {page}/{pages} 页", "page {page} of {pages}"),
    "sheet_link": _t("在线查看", "View online"),
    "sheet_basis": _t("依据", "Based on"),
    "sheet_city_context": _t(
        "市级规划内容为背景参考，非东昌府区规划内容。",
        "City-plan statements are context, not part of Dongchangfu's own plans.",
    ),
    "sheet_no_link": _t(
        "本次生成的画像不带二维码：图集尚未设置对外网址（可请系统管理员设置）。",
        "Sheets made here carry no QR code: the atlas has no public address yet (your system administrator can "
        "set one).",
    ),
    # search that forgives (issue 10)
    "search_did_you_mean": _t(
        "没有找到“{query}”。您要找的是不是“{suggestion}”？以下是“{suggestion}”的结果。",
        "Nothing matches “{query}”. Did you mean “{suggestion}”? Showing its results.",
    ),
    "search_no_match": _t(
        "没有找到与“{query}”相符的内容，已取消之前的选择。可换一个词，或用拼音、英文搜索。",
        "No match for “{query}” in the plans; the previous selection was cleared. Try another word, pinyin or English.",
    ),
    # print map and data exports (issue 10)
    "map_title_field": _t("地图标题", "Map title"),
    "map_title_help": _t("留空则用默认标题：{title}", "Leave empty for the default title: {title}"),
    "shp_download": _t("Shapefile 文件（zip，UTF-8）", "Shapefile (zip, UTF-8)"),
    "shp_note": _t(
        "每个图层一个 Shapefile；字段名不超过 10 个字符（对照见 zip 内 fields.csv），"
        "超过 254 字节的文字以“…”截断，完整内容见 GeoPackage 或 CSV。",
        "One shapefile per layer; field names are 10 characters at most (fields.csv in the zip maps them); "
        "text over 254 bytes is cut with “…” — the GeoPackage and CSV hold it in full.",
    ),
    # the web map and the HTML export (issue 10, web)
    "web_close": _t("关闭", "Close"),
    "web_click_hint": _t(
        "点击地图上的要素，查看规划对它的表述与出处；图例中的勾选框可开关图层。",
        "Click a feature to read what the plans say about it, with sources; the legend's boxes switch layers.",
    ),
    # projects as a layer (issue 8): fact kinds, the two directions of the zone-project link, not-located projects
    "section_status": _t("进展表述", "Status (as the plan words it)"),
    "section_responsible": _t("责任主体", "Responsible body"),
    "section_transport": _t("交通与区位", "Transport links"),
    "section_support": _t("支持政策与措施", "Support measures"),
    "section_city_echoes": _t("市级规划呼应（聊城市）", "City plans echo (Liaocheng, context)"),
    "section_linked_zones": _t("所属/服务片区", "Zone(s) it belongs to or serves"),
    "section_zones_in_town": _t("镇街内的规划片区", "Plan zones in this town"),
    "section_linked_projects": _t("本区域的项目", "Projects in or for this zone"),
    "not_located_tag": _t("规划未定位", "not located by the plan"),
    "not_located_note": _t("规划未给出位置：只列出，不上图", "No place given by the plan: listed, not mapped"),
    "unlocated_layer": _t("未定位项目", "Projects not located"),
    "unlocated_title": _t("未定位项目（{n}）", "Projects not located ({n})"),
    "unlocated_pick": _t("查看项目的规划原文", "Read a project's plan text"),
    "unlocated_placeholder": _t("输入或选择项目名称…", "Type or choose a project…"),
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


def row_count(count: int, lang: str) -> str:
    """'共 3 条' / '3 rows', and '1 row' in the singular."""
    return t("table_count_one" if count == 1 else "table_count", lang).format(count=count)


def t(key: str, lang: str) -> str:
    """The UI string `key` in `lang` ('zh', 'en' or 'both')."""
    return STRINGS[key].get(lang)


def error_text(exc: Exception) -> Text:
    """An error as a reader gets it: its Chinese wording (`exc.zh`, see gisapp.errors) and its English message.

    An error with no Chinese wording (a library's, or one not yet translated) reads the same in both languages.
    """
    english = str(exc)
    return Text(zh=getattr(exc, "zh", None) or english, en=english)


# Amounts as readers write them: '150 亿元' in Chinese, 'CNY 15 billion' in English. Chinese counts in 万 (10^4)
# and 亿 (10^8); an English reader counts in thousands, millions and billions and knows hectares and tonnes
# better than mu and jin, so English amounts are converted, never left as '150 亿元'; counters (家, 个, 所)
# become plain numbers, as the indicator names what is counted. A unit not listed here is refused by
# `python -m gisapp validate`, so no target reaches an English sheet untranslated.


MU_HA = 1 / 15  # 1 亩 = 666.67 m² = 1/15 ha
JIN_T = 0.0005  # 1 斤 = 0.5 kg


@dataclass(frozen=True)
class Unit:
    """How one Chinese unit reads in English: a scale to base units, their name, and an optional metric aside."""

    scale: float
    prefix: str = ""  # 'CNY ' goes before the number
    suffix: str = ""  # ' mu', ' firms' go after it
    metric: tuple[float, str] | None = None  # (factor to the metric unit, its suffix) for an 'about …' aside


UNITS: dict[str, Unit] = {
    "亿元": Unit(1e8, prefix="CNY "),
    "万元": Unit(1e4, prefix="CNY "),
    "元": Unit(1, prefix="CNY "),
    "%": Unit(1, suffix="%"),
    "家": Unit(1),  # a counter for firms, platforms and institutions alike: the indicator names what is counted
    "个": Unit(1),
    "所": Unit(1),
    "人": Unit(1, suffix=" people"),
    "万人": Unit(1e4, suffix=" people"),
    "万亩": Unit(1e4, suffix=" mu", metric=(MU_HA, " ha")),
    "亩": Unit(1, suffix=" mu", metric=(MU_HA, " ha")),
    "亿斤": Unit(1e8, suffix=" jin", metric=(JIN_T, " t")),
    "万吨": Unit(1e4, suffix=" t"),
    "吨": Unit(1, suffix=" t"),
    "平方千米": Unit(1, suffix=" km²"),
    "平方公里": Unit(1, suffix=" km²"),
    "公里": Unit(1, suffix=" km"),
    "万千瓦": Unit(10, suffix=" MW"),  # 10,000 kW = 10 MW
}


def known_unit(unit: str | None) -> bool:
    """Whether an English reader gets `unit` translated (an empty unit needs nothing)."""
    return not unit or unit in UNITS


def _number(value: float) -> str:
    """A plain English number: 40,000 / 2.5 / 667 — at most three significant decimals, thousands separated."""
    if abs(value) >= 100 or value == int(value):
        return f"{round(value):,}"
    return f"{value:,.3g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _scaled(values: tuple[float, ...]) -> tuple[tuple[str, ...], str]:
    """Numbers in words for big amounts: (15,) 'billion' from 1.5e10; the largest value picks the word."""
    top = max(abs(value) for value in values)
    for size, word in ((1e9, " billion"), (1e6, " million")):
        if top >= size:
            return tuple(_number(value / size) for value in values), word
    return tuple(_number(value) for value in values), ""


def amount(value: float, value_max: float | None, unit: str | None, lang: str) -> str:
    """'150 亿元' / 'CNY 15 billion'; a range '1–1.5 亿元' / 'CNY 100–150 million'; 'at least' words stay in notes."""
    if lang != "en":
        number = f"{value:g}" + (f"–{value_max:g}" if value_max is not None else "")
        return f"{number} {unit or ''}".strip()
    spec = UNITS.get(unit or "", Unit(1))
    values = (value,) if value_max is None else (value, value_max)
    numbers, word = _scaled(tuple(v * spec.scale for v in values))
    text = f"{spec.prefix}{'–'.join(numbers)}{word}{spec.suffix}"
    if unit and unit not in UNITS:
        return f"{text} {unit}"  # untranslated: validation reports it, the sheet test catches it
    if spec.metric:
        factor, metric_suffix = spec.metric
        metric_numbers, metric_word = _scaled(tuple(v * spec.scale * factor for v in values))
        text += f" (about {'–'.join(metric_numbers)}{metric_word}{metric_suffix})"
    return text


def lines_label(lines: tuple[int, int], lang: str) -> str:
    """Where a quote stands, as people write it: '第 18–20 行', 'line 18', 'lines 18–20'."""
    first, last = lines
    span = f"{first}" if first == last else f"{first}–{last}"
    if lang == "en":
        return f"{'line' if first == last else 'lines'} {span}"
    return f"第 {span} 行"
