"""Every target says only what its quotes say: a year or a value the quoted text does not give is an invented fact.

Issue 8 point 5 ("no attribute without a source"): a target's year must stand in one of its quotes, not a few
words before them; conflicts between the plans are caveats, never smoothed into one number.
"""

from gisapp.atlas.documents import squeeze

CAVEATS_FLOOR = 235  # caveats across layers/plan once issue 8's conflicts and inferences were surfaced (was 190)


def _targets(atlas):
    for feature in atlas.every_feature.values():
        for target in feature.targets:
            yield feature.id, target


def test_every_target_year_stands_in_its_quotes(atlas):
    missing = [
        f"{feature_id}: {target.indicator.zh} {target.year}"
        for feature_id, target in _targets(atlas)
        if target.year is not None and str(target.year) not in "".join(squeeze(s.quote) for s in target.sources)
    ]
    assert missing == []


def test_every_target_value_stands_in_its_quotes(atlas):
    missing = [
        f"{feature_id}: {target.indicator.zh} {target.value:g}"
        for feature_id, target in _targets(atlas)
        if target.value is not None and f"{target.value:g}" not in "".join(squeeze(s.quote) for s in target.sources)
    ]
    assert missing == []


def test_conflicts_and_inferences_stay_surfaced(atlas):
    caveats = sum(len(feature.caveats) for feature in atlas.every_feature.values())
    assert caveats >= CAVEATS_FLOOR, f"{caveats} caveats, floor {CAVEATS_FLOOR}"
