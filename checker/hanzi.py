"""Traditional → Simplified folding for matching, one character for one character.

Rule packs write their vocabulary once, in Simplified; rules match it against
``fold(text)``, which maps the Traditional characters of report vocabulary to
their Simplified forms and full-width digits and letters to ASCII. Every
character maps to exactly one character, so offsets into the folded text are
offsets into the original. This is a matching aid, not a converter: it covers
the characters that report headings, titles and part names use.
"""

from __future__ import annotations

import re

# Pairs of (Traditional, Simplified), written as one string of two-character pairs.
# The Han ranges a rule's character classes use: CJK Extension A, Unified Ideographs, Compatibility.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_PAIRS = (
    "總总結结計计劃划畫画報报問问題题實实際际況况對对於于將将後后發发經经濟济會会議议當当點点與与為为爲为"
    "這这個个們们來来時时間间開开關关係系現现績绩進进還还遠远達达過过運运邊边選选適适優优質质導导幹干黨党"
    "員员區区縣县鄉乡鎮镇莊庄務务業业產产農农機机構构設设備备歷历學学習习專专項项體体廣广東东華华國国門门"
    "團团隊队層层級级執执職职責责潔洁紀纪風风險险難难處处簡简單单雙双變变標标準准確确認认識识環环節节則则"
    "規规範范綱纲領领謀谋籌筹組组織织顯显強强據据統统數数額额億亿萬万財财稅税費费預预決决傳传貫贯徹彻細细"
    "緻致論论證证調调資资訊讯網网絡络電电話话腦脑線线條条檢检驗验測测試试評评價价獎奖懲惩監监審审訴诉訟讼"
    "維维護护穩稳競竞爭争貿贸氣气災灾衛卫醫医療疗藥药飲饮養养殘残婦妇兒儿輕轻齡龄歲岁舉举辦办協协聯联繫系"
    "擊击輸输贏赢敗败戰战勝胜鬥斗緊紧張张揚扬續续繼继擔担擴扩權权義义勞劳動动創创舊旧換换轉转軌轨並并併并"
    "從从眾众衆众羣群兩两圍围繞绕緣缘勢势態态獲获穫获積积極极樓楼園园圓圆鄰邻隸隶屬属綠绿藍蓝紅红黃黄顏颜"
    "圖图書书寫写讀读聽听說说講讲語语詞词請请稱称號号碼码簽签蓋盖頁页類类別别復复複复雜杂亂乱齊齐應应該该"
    "須须歸归納纳賬账帶带給给讓让誰谁誤误錯错訂订記记錄录週周遊游曆历樣样塊块壞坏壓压厲厉勵励歡欢樂乐觀观"
    "視视覺觉親亲尋寻盡尽儘尽屆届廳厅廠厂廢废庫库慶庆憲宪戶户擁拥攜携擇择擬拟攝摄敵敌斷断無无暫暂曉晓樹树"
    "橋桥檔档殺杀毀毁沒没淺浅減减滿满滅灭漢汉熱热牆墙狀状獨独畢毕異异盜盗盤盘禮礼禍祸離离種种窮穷竊窃筆笔"
    "築筑糧粮純纯紙纸終终絕绝綜综編编緩缓練练繪绘纖纤罰罚羅罗聖圣聞闻聲声肅肃脅胁腳脚膽胆臺台興兴艱艰藝艺"
    "蘇苏蘭兰蟲虫術术衝冲補补裝装製制覽览討讨許许訪访詢询詳详誠诚誌志課课談谈諾诺謝谢譯译豐丰貝贝負负貢贡"
    "貧贫貨货販贩購购貸贷貼贴賓宾賠赔賣卖賞赏賽赛贊赞趕赶趨趋躍跃車车軍军軟软較较載载輔辅輪轮輯辑轄辖遲迟"
    "遺遗遷迁鄭郑釋释針针錢钱鐵铁鍵键長长閉闭閒闲閱阅闊阔陣阵陰阴陳陈陸陆陽阳階阶隨随隱隐雞鸡靈灵靜静韓韩"
    "頂顶順顺領领頭头顧顾願愿飛飞飯饭館馆馬马駐驻驅驱髮发魚鱼鳥鸟麥麦龍龙龐庞鑒鉴鑑鉴裏里裡里麼么夠够彙汇"
    "匯汇滙汇迴回綫线纔才纍累隻只噹当佔占佈布侖仑倉仓倫伦偉伟側侧偵侦傑杰傭佣債债傷伤傾倾僅仅儀仪儲储兇凶"
    "兌兑內内冊册淨净凈净凍冻劇剧劉刘剛刚劑剂勳勋卻却參参叢丛吳吴啟启嚴严場场塗涂墊垫墳坟壇坛壯壮壽寿夢梦"
    "夾夹奪夺奮奋奧奥婁娄孫孙寧宁寬宽寶宝屢屡岡冈峽峡島岛嶺岭巖岩幫帮幣币師师帥帅帳帐彈弹彌弥徑径徵征恆恒"
    "悅悦惡恶惱恼愛爱憂忧憑凭憶忆懷怀戲戏擠挤攔拦攬揽敘叙斂敛晉晋棄弃榮荣橫横櫃柜歐欧毆殴漲涨濃浓濫滥濱滨"
    "灣湾爐炉爛烂牽牵猶犹獄狱獻献畝亩癥症矯矫礎础礦矿禦御窩窝籃篮籤签粵粤糾纠紋纹紗纱紛纷紳绅紹绍絆绊絲丝"
    "綁绑綏绥緒绪締缔緯纬縮缩繩绳繳缴纜缆罷罢聰聪脈脉膚肤臉脸臨临艦舰葉叶蔣蒋薦荐薩萨襲袭見见託托診诊註注"
    "詐诈詩诗誇夸誕诞諒谅諮咨諸诸謂谓謹谨譜谱譽誉讚赞豬猪貓猫貞贞貪贪貯贮貴贵買买賀贺賈贾賊贼賜赐賢贤賤贱"
    "賦赋賴赖贈赠趙赵跡迹踐践蹤踪輛辆輝辉輩辈轟轰辭辞辯辩連连違违遙遥遞递遼辽邁迈邏逻鄧邓醜丑鈔钞鈴铃鉛铅"
    "銀银銅铜銷销鋪铺鋼钢錦锦鍋锅鍛锻鎖锁鏈链鐘钟鑄铸鑰钥閃闪閘闸閣阁閩闽闖闯闡阐隴陇雖虽雲云霧雾響响頒颁"
    "頑顽頓顿頗颇頻频颱台飄飘飼饲飽饱飾饰餅饼餘余饑饥馮冯駁驳駕驾驚惊鬧闹鬱郁魯鲁鮮鲜鳳凤鳴鸣鴻鸿鵬鹏鹽盐"
    "麗丽齒齿龜龟蓋盖廉廉綵彩讜谠懸悬爾尔彥彦啓启糰团範范"
)

_FULL = "０１２３４５６７８９ＸｘＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＹＺ"
_HALF = "0123456789XxABCDEFGHIJKLMNOPQRSTUVWYZ"

_TABLE = {ord(_PAIRS[i]): _PAIRS[i + 1] for i in range(0, len(_PAIRS) - 1, 2) if _PAIRS[i] != _PAIRS[i + 1]}
_TABLE.update({ord(f): h for f, h in zip(_FULL, _HALF)})
# Most lines of a Simplified draft have nothing to fold: one scan in C finds that out, which is several
# times cheaper than translating the line character by character.
_FOLDS = re.compile("[" + "".join(sorted(re.escape(chr(k)) for k in _TABLE)) + "]")


def fold(text: str) -> str:
    """``text`` with Traditional report vocabulary in Simplified and full-width digits in ASCII.

    Same length as ``text``, character for character.
    """
    if _FOLDS.search(text) is None:
        return text
    return text.translate(_TABLE)


_INTO: dict[str, str] = {}
for _k, _v in _TABLE.items():
    _INTO[_v] = _INTO.get(_v, "") + chr(_k)


def fold_sources(ch: str) -> str:
    """The characters that :func:`fold` turns into ``ch``: ``ch`` itself (unless fold changes it) and
    its Traditional or full-width forms. A scan of the text as written for these finds what a scan of
    ``fold(text)`` for ``ch`` finds, without folding the text."""
    return ("" if ord(ch) in _TABLE else ch) + _INTO.get(ch, "")
