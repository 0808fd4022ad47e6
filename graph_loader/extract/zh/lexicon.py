"""Word tables for Chinese extraction: heads of names, roles, cue words.

All general vocabulary of the genre (news of 校企合作, 签约, 对口合作); nothing
here is taken from a particular article.
"""

from __future__ import annotations

# Final words of names -> label, longest first when matched. Research societies
# and institutes count as University (annotation rule R5).
HEADS: dict[str, str] = {}
for _words, _label in (
    (
        "大学 学院 研究院 研究所 科学院 工程院 社会科学院 实验室 重点实验室 联合实验室 研究中心 "
        "工程研究中心 技术研究院 创新研究院 学会 研究会 职业技术学院 所",
        "University",
    ),
    (
        "中心 委员会 管委会 管理委员会 党工委 工委 党委 市委 省委 县委 区委 人民政府 政府 "
        "局 厅 办 办公室 部 委 科委 经信委 发改委 署 协会 联盟 商会 基金会 促进会 联合会 "
        "工作站 服务站 交易所 孵化器 总局 分局",
        "Organization",
    ),
    ("公司 有限公司 股份有限公司 有限责任公司 集团 银行 制药厂 研究所有限公司", "Firm"),
    (
        "高新区 高新技术产业开发区 开发区 经济技术开发区 经开区 新区 园区 科技园 产业园 科学园 "
        "工业园 工业园区 软件园 创新园 科教城 科学城 科技城 示范区 先行示范区 合作区 自贸区 "
        "自由贸易试验区 保税区 试验区 院士港 创新港 大学城 集聚区 产业集聚区",
        "Park",
    ),
):
    for _word in _words.split():
        HEADS[_word] = _label
# Words for a kind of body, not a body: "科研院所" (research institutes) ends in the head 所
COLLECTIVE_ENDINGS = ("院所",)
# Heads that end a name of its own inside a longer one (上海技术交易所 in
# 上海技术交易所(安徽)区域创新中心); offices of a government (市政府合作交流办) are not.
INNER_NAME_HEADS = ("大学", "学院", "研究院", "研究所", "交易所", "协会", "联盟", "公司", "集团", "中心")
# One-character heads are words only where the segmenter says so (内部, 干部 are not 部).
SHORT_HEADS = {head for head in HEADS if len(head) == 1}

# Organisations whose head says "association" but whose name says research.
RESEARCH_SOCIETY = ("研究", "科学")

# Words that are parts of names although the segmenter tags them as verbs
# (应用研究促进协会, 合作交流办, 技术转移中心).
NAME_VERBS = frozenset(
    "研究 应用 促进 发展 交流 合作 创新 管理 服务 开发 建设 设计 投资 检测 孵化 转移 转化 推广 "
    "培训 教育 监督 规划 改革 保护 发明 制造 生产 储备 评估 认证 监测 咨询 贸易 经营 控股 联合 "
    "协同 共建 支持 推进 引导 示范 融合 创业 育成 保障 合成 加工 运营 展览 援助 出口 进口 交易 "
    "勘探 测绘 防治 执法 审批 计算 模拟 仿真 控制 通信 传感 驱动 转型 振兴 对外 经济 信息 "
    "工程 技术 先进 智能 精密 新能源".split()
)
# Words that end a name going leftwards, whatever the segmenter says.
NAME_STOPS = frozenset(
    "与 和 及 同 跟 在 到 由 对 向 将 把 被 从 于 为 是 了 的 等 并 也 都 就 还 以 及其 或 即 "
    "携手 联合 共同 分别 代表 签署 签订 签约 达成 举行 召开 出席 参加 考察 访问 会见 前往 来到 "
    "位于 落户 引进 设立 成立 揭牌 主办 承办 协办 支持 推动 推进 依托 围绕 通过 经过 根据 "
    "我 我们 我市 我校 我区 我省 本市 该市 全市 双方 两地 两市 各 其 此 该 这 那 今年 去年 "
    "日前 近日 今日 此前 此次 目前 当天 会上 期间 其中 包括 例如 如 旗下 下属 所属 附属 "
    "充分 发挥 发挥好 借助 利用 打造".split()
)
# Segmenter tags that never belong inside a name.
STOP_TAGS = (
    "p",
    "c",
    "u",
    "d",
    "r",
    "t",
    "f",
    "q",
    "y",
    "e",
    "o",
    "w",
    "x",
    "l",
    "i",
    "ul",
    "uj",
    "uz",
    "ud",
    "ug",
)
# One-character function words that the segmenter can glue to an unknown name (李雪及).
GLUED_STOPS = frozenset("与和及在到由对向将把被从于为是了的等并也都就还或即")

# Roles before a person's name, longest first; 副 and 一级/二级 are added by rule.
ROLES = sorted(
    set(
        "董事长 总经理 总裁 首席执行官 首席科学家 首席技术官 总工程师 创始人 合伙人 董事 董事会成员 监事 "
        "主任 书记 常委 市长 区长 县长 省长 州长 镇长 局长 厅长 部长 司长 处长 科长 主席 理事长 秘书长 "
        "常任秘书长 会长 院长 校长 所长 主任委员 巡视员 调研员 研究员 教授 院士 博士 专家 负责人 "
        "总监 经理 党委书记 党组书记 市领导 区领导 省领导 校领导 领导 代表 大使 总领事 领事 参赞".split()
    ),
    key=len,
    reverse=True,
)
# Titles written after a name (舍弗勒女士, 汉斯教授): not a role (clarification C9).
AFTER_NAME = ("院士", "教授", "博士", "女士", "先生", "同志", "研究员")
# Offices written after a name that follows its body (科发局严庆局长, 科技厅张士新巡视员)
OFFICES_AFTER_NAME = (
    "局长",
    "所长",
    "厅长",
    "院长",
    "校长",
    "主任",
    "巡视员",
    "书记",
    "部长",
    "处长",
    "会长",
    "理事长",
)
# Roles that stand for the city itself (市长 of the city the article is about).
CITY_ROLES = ("市长", "市领导", "副市长")
# Words that end a person's name going rightwards.
AFTER_PERSON = (
    "出席 参加 一行 与 和 及 、 等 在 到 来 表示 指出 说 讲话 致辞 主持 分别 代表 介绍 认为 率 带领 "
    "会见 考察 同志 女士 先生 教授 院士 博士 共同 为 就 对 向 宣布 见证 签署 签订 也 还 则 作 "
    "陪同 参观 听取 强调 希望 透露 回答 接受 担任 任"
).split()

# The hundred most common surnames (百家姓 order of frequency), and the compound ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤祝常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祁包宁尚符舒"
    "阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓"
    "古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣"
    "巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "长孙")

# Agreements: the nouns, and the verbs of signing.
AGREEMENT_NOUNS = ("协议书", "协议", "备忘录", "意向书", "合同", "框架协议", "合作书")
SIGN_VERBS = ("签署", "签订", "签约", "达成", "缔结", "订立")
# Cooperation cue words between two actors of one clause.
COOPERATION_CUES = ("合作", "共建", "联合", "携手", "对接", "协作", "结对", "共同建设", "共同举办", "联手")
# The joint hosts of an event cooperate (z03-like "由A、B、C主办").
HOST_CUES = ("主办", "联合主办", "共同主办", "承办", "联合举办", "共同举办")
# Future or intended cooperation is not cooperation yet.
FUTURE = ("将", "拟", "计划", "有望", "意向", "洽谈", "探讨", "希望", "愿意", "准备", "筹备")
# Explicit location statements.
LOCATION_CUES = ("位于", "落户", "坐落于", "地处", "设在", "入驻")
# A place directly before one of these is a modifier of an unnamed group (大连四校, 德国企业).
GROUP_NOUNS = (
    "企业 高校 院校 四校 三校 两校 学校 专家 学者 团队 客商 人才 代表团 市民 方面 地区 各地 籍 "
    "本地 当地 一带 境内 全境 政府部门 单位 机构 科研机构"
).split()

# Standard abbreviations inside names (上海市科委 = 上海市科学技术委员会).
ABBREVIATIONS = (
    ("科学技术", "科技"),
    ("委员会", "委"),
    ("科技委", "科委"),
    ("管理委员会", "管委会"),
    ("人民政府", "政府"),
    ("有限责任公司", "公司"),
    ("股份有限公司", "公司"),
    ("有限公司", "公司"),
    ("高新技术产业开发区", "高新区"),
    ("经济技术开发区", "经开区"),
)
# The usual short names of a zone and of its or a town's bodies. A text may use one as the
# body's only name, and then it names that body (annotation general call 2); where the text
# also names a body the form abbreviates, it refers to that one.
BARE_BODIES = frozenset(
    "经开区 高新区 自贸区 管委会 党工委 市政府 区政府 县政府 省政府 市人民政府 区人民政府 县人民政府".split()
)

# Pair compounds and one-character abbreviations are not places (clarification C6);
# self-references are never entities (C5).
SELF_REFERENCES = (
    "我市",
    "我校",
    "我所",
    "本市",
    "该市",
    "我区",
    "我省",
    "本校",
    "我院",
    "两市",
    "两地",
    "双方",
)
