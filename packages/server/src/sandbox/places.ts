/**
 * Road names per city for sandbox answers (zh-Hans, zh-Hant, en). Generated once with opencc-js and pinyin-pro
 * and checked in as data, so the server needs neither at runtime.
 */
export type Text3 = readonly [hans: string, hant: string, en: string];

export interface CityPlaces {
  /** Prefix of human order references (`SZ-20261123-0042`). */
  prefix: string;
  roads: readonly Text3[];
}

export const CITY_PLACES: Readonly<Record<string, CityPlaces>> = {
  // 北京
  '110100': { prefix: 'BJ', roads: [['长安街', '長安街', 'Chang’an Avenue'], ['东三环中路', '東三環中路', 'East 3rd Ring Middle Road'], ['西二环路', '西二環路', 'West 2nd Ring Road'], ['中关村大街', '中關村大街', 'Zhongguancun Street'], ['建国路', '建國路', 'Jianguo Road'], ['朝阳北路', '朝陽北路', 'Chaoyang North Road'], ['学院路', '學院路', 'Xueyuan Road'], ['北四环西路', '北四環西路', 'North 4th Ring West Road']] },
  // 天津
  '120100': { prefix: 'TJ', roads: [['南京路', '南京路', 'Nanjing Road'], ['卫津路', '衛津路', 'Weijin Road'], ['友谊路', '友誼路', 'Youyi Road'], ['黄河道', '黃河道', 'Huanghe Road'], ['解放南路', '解放南路', 'Jiefang South Road'], ['中环线', '中環線', 'Middle Ring Road']] },
  // 石家庄
  '130100': { prefix: 'SJZ', roads: [['中山路', '中山路', 'Zhongshan Road'], ['建设大街', '建設大街', 'Jianshe Street'], ['裕华路', '裕華路', 'Yuhua Road'], ['和平路', '和平路', 'Heping Road'], ['体育大街', '體育大街', 'Tiyu Street'], ['槐安路', '槐安路', 'Huai’an Road']] },
  // 沈阳
  '210100': { prefix: 'SY', roads: [['青年大街', '青年大街', 'Qingnian Street'], ['北京街', '北京街', 'Beijing Street'], ['市府大路', '市府大路', 'Shifu Road'], ['南京北街', '南京北街', 'Nanjing North Street'], ['三好街', '三好街', 'Sanhao Street'], ['北陵大街', '北陵大街', 'Beiling Street']] },
  // 鞍山
  '210300': { prefix: 'AS', roads: [['胜利路', '勝利路', 'Shengli Road'], ['建国大道', '建國大道', 'Jianguo Avenue'], ['千山中路', '千山中路', 'Qianshan Middle Road'], ['五一路', '五一路', 'Wuyi Road'], ['人民路', '人民路', 'Renmin Road'], ['铁东一道', '鐵東一道', 'Tiedongyi Road']] },
  // 哈尔滨
  '230100': { prefix: 'HEB', roads: [['中央大街', '中央大街', 'Zhongyang Street'], ['红旗大街', '紅旗大街', 'Hongqi Street'], ['学府路', '學府路', 'Xuefu Road'], ['东大直街', '東大直街', 'Dongdazhi Street'], ['友谊路', '友誼路', 'Youyi Road'], ['长江路', '長江路', 'Changjiang Road']] },
  // 上海
  '310100': { prefix: 'SH', roads: [['南京东路', '南京東路', 'Nanjing East Road'], ['延安中路', '延安中路', 'Yan’an Middle Road'], ['淮海中路', '淮海中路', 'Huaihai Middle Road'], ['世纪大道', '世紀大道', 'Shiji Avenue'], ['中山北路', '中山北路', 'Zhongshan North Road'], ['沪闵路', '滬閔路', 'Humin Road'], ['四平路', '四平路', 'Siping Road']] },
  // 南京
  '320100': { prefix: 'NJ', roads: [['中山路', '中山路', 'Zhongshan Road'], ['汉中路', '漢中路', 'Hanzhong Road'], ['北京东路', '北京東路', 'Beijing East Road'], ['龙蟠中路', '龍蟠中路', 'Longpan Middle Road'], ['江东中路', '江東中路', 'Jiangdong Middle Road'], ['应天大街', '應天大街', 'Yingtian Street']] },
  // 苏州
  '320500': { prefix: 'SU', roads: [['干将路', '干將路', 'Ganjiang Road'], ['人民路', '人民路', 'Renmin Road'], ['星海街', '星海街', 'Xinghai Street'], ['金鸡湖大道', '金雞湖大道', 'Jinjihu Avenue'], ['三香路', '三香路', 'Sanxiang Road'], ['苏州大道东', '蘇州大道東', 'Suzhou Avenue East']] },
  // 杭州
  '330100': { prefix: 'HZ', roads: [['延安路', '延安路', 'Yan’an Road'], ['文三路', '文三路', 'Wensan Road'], ['天目山路', '天目山路', 'Tianmushan Road'], ['莫干山路', '莫干山路', 'Moganshan Road'], ['钱江路', '錢江路', 'Qianjiang Road'], ['解放路', '解放路', 'Jiefang Road'], ['秋涛路', '秋濤路', 'Qiutao Road']] },
  // 合肥
  '340100': { prefix: 'HF', roads: [['长江中路', '長江中路', 'Changjiang Middle Road'], ['金寨路', '金寨路', 'Jinzhai Road'], ['徽州大道', '徽州大道', 'Huizhou Avenue'], ['马鞍山路', '馬鞍山路', 'Maanshan Road'], ['黄山路', '黃山路', 'Huangshan Road'], ['望江西路', '望江西路', 'Wangjiang West Road']] },
  // 福州
  '350100': { prefix: 'FZ', roads: [['五四路', '五四路', 'Wusi Road'], ['八一七路', '八一七路', 'Bayiqi Road'], ['杨桥路', '楊橋路', 'Yangqiao Road'], ['华林路', '華林路', 'Hualin Road'], ['湖东路', '湖東路', 'Hudong Road'], ['福马路', '福馬路', 'Fuma Road']] },
  // 厦门
  '350200': { prefix: 'XM', roads: [['湖滨南路', '湖濱南路', 'Hubin South Road'], ['厦禾路', '廈禾路', 'Xiahe Road'], ['嘉禾路', '嘉禾路', 'Jiahe Road'], ['环岛路', '環島路', 'Huandao Road'], ['莲前西路', '蓮前西路', 'Lianqian West Road'], ['仙岳路', '仙嶽路', 'Xianyue Road']] },
  // 济南
  '370100': { prefix: 'JN', roads: [['经十路', '經十路', 'Jingshi Road'], ['泉城路', '泉城路', 'Quancheng Road'], ['历山路', '歷山路', 'Lishan Road'], ['二环东路', '二環東路', 'East 2nd Ring Road'], ['解放路', '解放路', 'Jiefang Road'], ['舜耕路', '舜耕路', 'Shungeng Road']] },
  // 青岛
  '370200': { prefix: 'QD', roads: [['香港中路', '香港中路', 'Hong Kong Middle Road'], ['东海西路', '東海西路', 'Donghai West Road'], ['山东路', '山東路', 'Shandong Road'], ['辽阳西路', '遼陽西路', 'Liaoyang West Road'], ['延安三路', '延安三路', 'Yanansan Road'], ['南京路', '南京路', 'Nanjing Road']] },
  // 郑州
  '410100': { prefix: 'ZZ', roads: [['金水路', '金水路', 'Jinshui Road'], ['花园路', '花園路', 'Huayuan Road'], ['中原路', '中原路', 'Zhongyuan Road'], ['农业路', '農業路', 'Nongye Road'], ['紫荆山路', '紫荊山路', 'Zijingshan Road'], ['文化路', '文化路', 'Wenhua Road']] },
  // 武汉
  '420100': { prefix: 'WH', roads: [['解放大道', '解放大道', 'Jiefang Avenue'], ['中山大道', '中山大道', 'Zhongshan Avenue'], ['武珞路', '武珞路', 'Wuluo Road'], ['珞喻路', '珞喻路', 'Luoyu Road'], ['建设大道', '建設大道', 'Jianshe Avenue'], ['中北路', '中北路', 'Zhongbei Road']] },
  // 长沙
  '430100': { prefix: 'CS', roads: [['五一大道', '五一大道', 'Wuyi Avenue'], ['芙蓉中路', '芙蓉中路', 'Furong Middle Road'], ['韶山路', '韶山路', 'Shaoshan Road'], ['湘江中路', '湘江中路', 'Xiangjiang Middle Road'], ['人民中路', '人民中路', 'Renmin Middle Road'], ['劳动路', '勞動路', 'Laodong Road']] },
  // 广州
  '440100': { prefix: 'GZ', roads: [['天河路', '天河路', 'Tianhe Road'], ['中山大道', '中山大道', 'Zhongshan Avenue'], ['广州大道中', '廣州大道中', 'Guangzhou Avenue Middle'], ['环市东路', '環市東路', 'Huanshi East Road'], ['东风中路', '東風中路', 'Dongfeng Middle Road'], ['黄埔大道', '黃埔大道', 'Huangpu Avenue']] },
  // 深圳
  '440300': { prefix: 'SZ', roads: [['深南大道', '深南大道', 'Shennan Avenue'], ['滨海大道', '濱海大道', 'Binhai Avenue'], ['北环大道', '北環大道', 'Beihuan Avenue'], ['福田路', '福田路', 'Futian Road'], ['宝安大道', '寶安大道', 'Bao’an Avenue'], ['科苑路', '科苑路', 'Keyuan Road'], ['沙河西路', '沙河西路', 'Shahe West Road']] },
  // 佛山
  '440600': { prefix: 'FS', roads: [['季华路', '季華路', 'Jihua Road'], ['佛山大道', '佛山大道', 'Foshan Avenue'], ['汾江中路', '汾江中路', 'Fenjiang Middle Road'], ['魁奇路', '魁奇路', 'Kuiqi Road'], ['岭南大道', '嶺南大道', 'Lingnan Avenue'], ['南海大道', '南海大道', 'Nanhai Avenue']] },
  // 东莞
  '441900': { prefix: 'DG', roads: [['东莞大道', '東莞大道', 'Dongguan Avenue'], ['鸿福路', '鴻福路', 'Hongfu Road'], ['莞太路', '莞太路', 'Wantai Road'], ['东城中路', '東城中路', 'Dongcheng Middle Road'], ['元美路', '元美路', 'Yuanmei Road'], ['莞龙路', '莞龍路', 'Wanlong Road']] },
  // 南宁
  '450100': { prefix: 'NN', roads: [['民族大道', '民族大道', 'Minzu Avenue'], ['东葛路', '東葛路', 'Dongge Road'], ['友爱路', '友愛路', 'You’ai Road'], ['星光大道', '星光大道', 'Xingguang Avenue'], ['朝阳路', '朝陽路', 'Chaoyang Road'], ['大学路', '大學路', 'Daxue Road']] },
  // 海口
  '460100': { prefix: 'HK', roads: [['国兴大道', '國興大道', 'Guoxing Avenue'], ['滨海大道', '濱海大道', 'Binhai Avenue'], ['海秀路', '海秀路', 'Haixiu Road'], ['龙昆路', '龍昆路', 'Longkun Road'], ['南宝路', '南寶路', 'Nanbao Road'], ['白龙路', '白龍路', 'Bailong Road']] },
  // 重庆
  '500100': { prefix: 'CQ', roads: [['民族路', '民族路', 'Minzu Road'], ['长江一路', '長江一路', 'Changjiangyi Road'], ['嘉陵江滨江路', '嘉陵江濱江路', 'Jialingjiangbinjiang Road'], ['渝澳大道', '渝澳大道', 'Yu’ao Avenue'], ['南坪正街', '南坪正街', 'Nanping Main Street'], ['红锦大道', '紅錦大道', 'Hongjin Avenue']] },
  // 成都
  '510100': { prefix: 'CD', roads: [['人民南路', '人民南路', 'Renmin South Road'], ['天府大道', '天府大道', 'Tianfu Avenue'], ['蜀都大道', '蜀都大道', 'Shudu Avenue'], ['红星路', '紅星路', 'Hongxing Road'], ['科华北路', '科華北路', 'Kehua North Road'], ['一环路', '一環路', '1st Ring Road']] },
  // 贵阳
  '520100': { prefix: 'GY', roads: [['中华路', '中華路', 'Zhonghua Road'], ['延安路', '延安路', 'Yan’an Road'], ['瑞金路', '瑞金路', 'Ruijin Road'], ['北京路', '北京路', 'Beijing Road'], ['遵义路', '遵義路', 'Zunyi Road'], ['宝山路', '寶山路', 'Baoshan Road']] },
  // 昆明
  '530100': { prefix: 'KM', roads: [['北京路', '北京路', 'Beijing Road'], ['人民中路', '人民中路', 'Renmin Middle Road'], ['东风西路', '東風西路', 'Dongfeng West Road'], ['环城南路', '環城南路', 'Huancheng South Road'], ['滇池路', '滇池路', 'Dianchi Road'], ['白云路', '白雲路', 'Baiyun Road']] },
  // 西安
  '610100': { prefix: 'XA', roads: [['长安北路', '長安北路', 'Chang’an North Road'], ['东大街', '東大街', 'Dongda Street'], ['未央路', '未央路', 'Weiyang Road'], ['科技路', '科技路', 'Keji Road'], ['南二环', '南二環', 'South 2nd Ring Road'], ['雁塔路', '雁塔路', 'Yanta Road']] },
  // 兰州
  '620100': { prefix: 'LZ', roads: [['庆阳路', '慶陽路', 'Qingyang Road'], ['天水路', '天水路', 'Tianshui Road'], ['南滨河路', '南濱河路', 'Nanbinhe Road'], ['东岗西路', '東崗西路', 'Donggang West Road'], ['西津路', '西津路', 'Xijin Road'], ['中山路', '中山路', 'Zhongshan Road']] },
};

/** Road names nearly every Chinese city has, for cities without their own table. */
export const COMMON_ROADS: readonly Text3[] = [['人民路', '人民路', 'Renmin Road'], ['解放路', '解放路', 'Jiefang Road'], ['中山路', '中山路', 'Zhongshan Road'], ['建设路', '建設路', 'Jianshe Road'], ['新华路', '新華路', 'Xinhua Road'], ['文化路', '文化路', 'Wenhua Road'], ['和平路', '和平路', 'Heping Road'], ['胜利路', '勝利路', 'Shengli Road']];

