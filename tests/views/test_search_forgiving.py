"""Search that forgives: typos, several words, English synonyms, pinyin, official names and codes, ranking."""

import pytest
import yaml

from gisapp.views.matching import match_industry
from gisapp.views.search import did_you_mean, search
from gisapp.views.search_fuzzy import correct
from gisapp.views.search_index import SYNONYMS_FILE, blur, feature_entries, normalise, search_index


def ids(atlas, query, n=None):
    return [hit.feature_id for hit in search(atlas, query)][:n]


@pytest.mark.parametrize(("typo", "meant"), [("轴成", "轴承"), ("葡桃", "葡萄"), ("bearnigs", "bearings")])
def test_a_typo_finds_what_the_corrected_word_finds_and_says_so(atlas, typo, meant):
    hits = search(atlas, typo)
    assert [hit.feature_id for hit in hits] == ids(atlas, meant)
    assert did_you_mean(hits) == meant
    assert {hit.tier for hit in hits} == {"fuzzy"}
    assert did_you_mean(search(atlas, meant)) is None  # the word as typed is not "corrected"


def test_bearings_typo_selects_zhengjias_cluster(atlas):
    assert ids(atlas, "轴成", 1) == ["zhengjia_cluster"]
    assert ids(atlas, "葡桃", 1) == ["agri_grapes"]


@pytest.mark.parametrize("nonsense", ["芯片", "芯片封测", "xyzzy", "hello", "随便", "天气", "qqq 轴承"])
def test_nonsense_finds_nothing_and_suggests_nothing(atlas, nonsense):
    assert search(atlas, nonsense) == []


def test_near_homophones_are_heard_alike_but_other_sounds_are_not():
    assert blur("zhou") == blur("zou") and blur("cheng") == blur("chen") and blur("liu") == blur("niu")
    assert blur("xin") != blur("yin")


def test_short_latin_words_are_not_corrected(atlas):
    index = search_index(atlas)
    assert correct("zzz", index) is None
    assert correct("zhengjai", index) == "zhengjia"


def test_every_word_must_match_and_both_words_rank_the_cluster_first(atlas):
    both = search(atlas, "轴承 郑家")
    assert both[0].feature_id == "zhengjia_cluster"
    found = {hit.feature_id for hit in both}
    assert found == set(ids(atlas, "轴承")) & set(ids(atlas, "郑家", 100))
    assert "park_zhengjia_bearing" in ids(atlas, "轴承") and "park_zhengjia_bearing" not in found
    assert search(atlas, "葡萄 郑家") == []  # each word is in the plans, never together


def test_two_chinese_words_typed_without_a_space_are_read_as_two(atlas):
    assert ids(atlas, "轴承郑家") == ids(atlas, "轴承 郑家")


@pytest.mark.parametrize("english", ["new energy vehicle", "New-Energy Vehicles", "NEV", "electric cars", "EV"])
def test_english_synonyms_find_what_the_chinese_term_finds(atlas, english):
    assert ids(atlas, english) == ids(atlas, "新能源汽车")
    assert len(ids(atlas, "新能源汽车")) >= 3


def test_a_synonym_matches_whole_words_only(atlas):
    # "ev" is in "level" and "development": as a synonym it stands for 新能源汽车 only
    assert set(ids(atlas, "ev")) == set(ids(atlas, "新能源汽车"))


def test_cold_chain_in_english_finds_the_cold_chain_zones(atlas):
    assert ids(atlas, "cold chain", 2) == ids(atlas, "冷链", 2) == ["axis_jianshe", "agri_vegetables"]


def test_every_chinese_term_of_the_synonyms_is_one_the_knowledge_base_uses(atlas):
    groups = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    texts = [entry.norm for feature in atlas.features.values() for entry in feature_entries(feature)]
    unused = [term for group in groups for term in group["zh"] if not any(normalise(term) in text for text in texts)]
    assert unused == []
    assert all(group["en"] and group["zh"] for group in groups)
    english = [normalise(phrase) for group in groups for phrase in group["en"]]
    assert len(english) == len(set(english)), "an English phrase is listed twice"


def test_place_names_are_found_by_pinyin(atlas):
    assert ids(atlas, "zhengjiazhen", 1) == ["zhengjia"]
    assert "zhengjia" in ids(atlas, "zhengjia", 2)
    assert ids(atlas, "douhutunzhen", 1) == ["douhutun"]
    assert ids(atlas, "liangshui", 1) == ["liangshuizhen"]
    assert ids(atlas, "zhengjai", 3) == ids(atlas, "zhengjia", 3)  # a typo in pinyin too


def test_towns_are_found_by_their_official_name_and_code(atlas):
    towns = [feature for feature in atlas.features.values() if feature.official is not None]
    assert len(towns) == 14
    for town in towns:
        assert ids(atlas, town.official.code, 1) == [town.id], town.official.code
        assert ids(atlas, town.official.name, 1) == [town.id], town.official.name
    hit = search(atlas, "梁水镇镇")[0]
    assert hit.tier == "exact" and ("official", "梁水镇镇") in hit.matches


def test_a_feature_named_exactly_as_the_query_comes_first(atlas):
    hits = search(atlas, "郑家镇")
    assert hits[0].feature_id == "zhengjia" and hits[0].tier == "exact"
    assert hits[1].feature_id == "zhengjia_cluster" and hits[1].tier == "prefix"  # 郑家镇工业集聚区
    assert ids(atlas, "Zhengjia Town", 1) == ["zhengjia"]  # several words: the whole name counts
    assert search(atlas, "zhengjia town")[0].tier == "exact"


def test_a_fact_written_exactly_as_the_query_is_an_exact_hit(atlas):
    logistics = {hit.feature_id: hit for hit in search(atlas, "物流", 100)}
    assert logistics["park_zhengjia_logistics"].tier == "exact"  # an industry written as just 物流
    exact = logistics["park_zhengjia_logistics"]
    assert ("industries", "物流") in exact.matches


def test_full_width_and_case_are_ignored(atlas):
    assert ids(atlas, "ＢＥＡＲＩＮＧＳ") == ids(atlas, "bearings") == ids(atlas, "轴承")


def test_industry_matching_forgives_like_search(atlas):
    typo = match_industry(atlas, "轴成")
    assert typo[0].feature_id == "zhengjia_cluster" and typo[0].suggestion == "轴承"
    assert "轴承" in typo[0].source.quote
    english = [match.feature_id for match in match_industry(atlas, "new energy vehicles")]
    assert english == [match.feature_id for match in match_industry(atlas, "新能源汽车")] and english
    assert match_industry(atlas, "芯片") == []


def test_a_pasted_page_is_read_only_so_far_and_not_corrected(atlas):
    assert search(atlas, "轴" * 5000) == []
    assert search(atlas, "葡萄" + " " * 250 + "芯片") == search(atlas, "葡萄")  # 芯片 is beyond what is read
    assert search(atlas, "！！ ** 、") == []  # punctuation only
