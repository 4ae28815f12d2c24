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
    "layer": {"zh": "图层", "en": "Layer"},
    "feature": {"zh": "要素", "en": "Feature"},
    "layers_table": {"zh": "图层一览", "en": "Layers"},
    "count": {"zh": "要素数", "en": "Features"},
    "group": {"zh": "分组", "en": "Group"},
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
    "map_pending": {
        "zh": "交互地图浏览器正在开发中；此页可按图层浏览每个要素的规划内容与出处。",
        "en": (
            "The interactive map explorer is in development; "
            "this page lists every feature's plan content and sources by layer."
        ),
    },
}


def t(key: str, lang: str) -> str:
    """The UI string `key` in `lang` ('zh' or 'en')."""
    return STRINGS[key][lang]
