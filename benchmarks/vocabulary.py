"""Words the generator builds realistic teams and people from (names, places, trades).

A team's Chinese name is city + a two- or three-character brand + a line of business, e.g.
上海星澜智能科技有限公司; its English name is the same in pinyin, e.g. "Shanghai Xinglan
Intelligent Technology Co., Ltd.". About one Shanghai team in sixty has a brand starting with 星, so
the search "上海星" matches a realistic few thousand of 100,000 teams.
"""

from __future__ import annotations

# (division code, district name) — most teams are registered in Shanghai (USCC 31xxxx).
SHANGHAI_DISTRICTS = (
    ("310101", "黄浦区"),
    ("310104", "徐汇区"),
    ("310105", "长宁区"),
    ("310106", "静安区"),
    ("310107", "普陀区"),
    ("310109", "虹口区"),
    ("310110", "杨浦区"),
    ("310112", "闵行区"),
    ("310113", "宝山区"),
    ("310114", "嘉定区"),
    ("310115", "浦东新区"),
    ("310116", "金山区"),
    ("310117", "松江区"),
    ("310118", "青浦区"),
    ("310120", "奉贤区"),
    ("310151", "崇明区"),
)
# (division code, city zh, city en, district): the few teams registered elsewhere.
ELSEWHERE = (
    ("110108", "北京", "Beijing", "北京市海淀区"),
    ("440305", "深圳", "Shenzhen", "深圳市南山区"),
    ("330106", "杭州", "Hangzhou", "杭州市西湖区"),
    ("320505", "苏州", "Suzhou", "苏州市虎丘区"),
)

# Brand characters with their pinyin (capitalised when first in the brand).
BRAND_CHARS = (
    ("星", "xing"), ("云", "yun"), ("智", "zhi"), ("深", "shen"), ("蓝", "lan"), ("澜", "lan"),
    ("启", "qi"), ("明", "ming"), ("天", "tian"), ("枢", "shu"), ("灵", "ling"), ("犀", "xi"),
    ("墨", "mo"), ("衡", "heng"), ("玄", "xuan"), ("青", "qing"), ("鸾", "luan"), ("北", "bei"),
    ("辰", "chen"), ("芯", "xin"), ("数", "shu"), ("知", "zhi"), ("行", "xing"), ("极", "ji"),
    ("光", "guang"), ("海", "hai"), ("松", "song"), ("果", "guo"), ("纵", "zong"), ("横", "heng"),
    ("源", "yuan"), ("图", "tu"), ("河", "he"), ("川", "chuan"), ("峰", "feng"), ("岚", "lan"),
    ("泽", "ze"), ("宇", "yu"), ("航", "hang"), ("远", "yuan"), ("睿", "rui"), ("思", "si"),
    ("创", "chuang"), ("新", "xin"), ("元", "yuan"), ("华", "hua"), ("瀚", "han"), ("博", "bo"),
    ("鲸", "jing"), ("鹏", "peng"), ("凌", "ling"), ("晟", "sheng"), ("昂", "ang"), ("弈", "yi"),
    ("律", "lv"), ("算", "suan"), ("格", "ge"), ("物", "wu"), ("语", "yu"), ("言", "yan"),
)  # fmt: skip

BUSINESS = (
    ("智能科技有限公司", "Intelligent Technology Co., Ltd."),
    ("人工智能科技有限公司", "AI Technology Co., Ltd."),
    ("数据科技有限公司", "Data Technology Co., Ltd."),
    ("机器人有限公司", "Robotics Co., Ltd."),
    ("信息技术有限公司", "Information Technology Co., Ltd."),
    ("网络科技有限公司", "Network Technology Co., Ltd."),
    ("软件有限公司", "Software Co., Ltd."),
    ("计算技术有限公司", "Computing Technology Co., Ltd."),
)

# Keys of the policy's AI focus list, with one off-list focus (a §1.3 failure) now and then.
FOCUS = (
    "foundation_models",
    "vertical_models",
    "ai_applications",
    "ai_infrastructure",
    "data_services",
    "embodied_intelligence",
)
OFF_LIST_FOCUS = "blockchain"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静磊洋艳勇军杰娟涛明超霞平刚婷晨浩宇欣怡子轩梓涵一诺雨萱佳琪思远嘉豪文博俊"

MEMBER_ROLES = (
    "算法工程师",
    "产品经理",
    "数据工程师",
    "研究员",
    "运营",
    "前端工程师",
    "后端工程师",
    "商务经理",
)
FOUNDER_ROLES = ("创始人兼CEO", "联合创始人兼CTO", "联合创始人兼COO")

# Regions of identity-card numbers (birthplaces): codes that existed for every birth year used,
# so python-stdnum's birthplace check accepts every generated number.
ID_REGIONS = (
    "310101", "310104", "310105", "310106", "310107", "310109", "310110", "110105", "110108",
    "120101",
)  # fmt: skip

BUILDINGS = (
    "张江AI小镇",
    "漕河泾AI小镇",
    "徐汇滨江AI小镇",
    "临港AI小镇",
    "杨浦AI小镇",
    "闵行AI小镇",
)

VENDORS = (
    ("上海算力云计算有限公司", "Shanghai Compute Cloud Co., Ltd."),
    ("上海大模型服务有限公司", "Shanghai LLM Services Co., Ltd."),
    ("上海语料数据有限公司", "Shanghai Corpus Data Co., Ltd."),
    ("华东智算中心有限公司", "East China Intelligent Computing Centre Co., Ltd."),
)
