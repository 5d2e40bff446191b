-- Issue 15 items 5-7: the national code tables as data, the grades beside posts, how leadership was decided.
--
-- code_item holds one row per value of a code set, with its standard code, its name, the short form the standard
-- gives (GB/T 4762 lists 简称), and the other words personnel offices write for it. maps_to names the enum constant
-- the code branches on (PoliticalStatus, Education, RankLevel); rank_grade the 正/副 a grade stands at.
create table code_set (
    code_set  varchar(30)  primary key,
    name      varchar(40)  not null,
    standard  varchar(200) not null
);

create table code_item (
    code_set   varchar(30) not null references code_set (code_set),
    code       varchar(10) not null,
    name       varchar(40) not null,
    short_name varchar(40),
    synonyms   text[]      not null default '{}',
    maps_to    varchar(40),
    rank_grade varchar(20),
    sort_order int         not null,
    primary key (code_set, code)
);

insert into code_set (code_set, name, standard) values
    ('POLITICAL_STATUS', '政治面貌', 'GB/T 4762-1984 政治面貌代码'),
    ('ETHNICITY', '民族', 'GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码'),
    ('EDUCATION', '学历', 'GB/T 4658-2006 学历代码'),
    ('RANK_TITLE', '职级', '《公务员职务与职级并行规定》(2019) 职级；《事业单位岗位设置管理试行办法》(2006) 管理岗位、专业技术岗位等级。'
        || '这两部规定没有发布数字代码，代码 Z01-Z12、G01-G10、J01-J13 为本系统所编');

insert into code_item (code_set, code, name, short_name, synonyms, maps_to, sort_order) values
    ('POLITICAL_STATUS', '01', '中国共产党党员', '中共党员', '{党员,共产党员,中国共产党员}', 'CPC_MEMBER', 1),
    ('POLITICAL_STATUS', '02', '中国共产党预备党员', '中共预备党员', '{预备党员,中共预备,中国共产党预备党员}', 'CPC_PROBATIONARY', 2),
    ('POLITICAL_STATUS', '03', '中国共产主义青年团团员', '共青团员', '{团员,共青团}', 'CYL_MEMBER', 3),
    ('POLITICAL_STATUS', '04', '中国国民党革命委员会会员', '民革会员', '{民革党员,民革,民革成员}', 'DEMOCRATIC_PARTY', 4),
    ('POLITICAL_STATUS', '05', '中国民主同盟盟员', '民盟盟员', '{民盟,民盟成员,民盟会员}', 'DEMOCRATIC_PARTY', 5),
    ('POLITICAL_STATUS', '06', '中国民主建国会会员', '民建会员', '{民建,民建成员}', 'DEMOCRATIC_PARTY', 6),
    ('POLITICAL_STATUS', '07', '中国民主促进会会员', '民进会员', '{民进,民进成员}', 'DEMOCRATIC_PARTY', 7),
    ('POLITICAL_STATUS', '08', '中国农工民主党党员', '农工党党员', '{农工党,农工民主党党员,农工党员,农工党成员}', 'DEMOCRATIC_PARTY', 8),
    ('POLITICAL_STATUS', '09', '中国致公党党员', '致公党党员', '{致公党,致公党员,致公党成员}', 'DEMOCRATIC_PARTY', 9),
    ('POLITICAL_STATUS', '10', '九三学社社员', '九三学社社员', '{九三学社,九三社员,九三学社成员}', 'DEMOCRATIC_PARTY', 10),
    ('POLITICAL_STATUS', '11', '台湾民主自治同盟盟员', '台盟盟员', '{台盟,台盟成员}', 'DEMOCRATIC_PARTY', 11),
    ('POLITICAL_STATUS', '12', '无党派民主人士', '无党派民主人士', '{无党派人士,无党派,无党派人员}', 'NON_PARTY', 12),
    ('POLITICAL_STATUS', '13', '群众', '群众', '{普通群众}', 'MASSES', 13);

insert into code_item (code_set, code, name, synonyms, sort_order)
select 'ETHNICITY', lpad(n::text, 2, '0'), e.name,
       case when e.name like '%族' then array[left(e.name, length(e.name) - 1)] else '{}' end, n
from unnest(array['汉族','蒙古族','回族','藏族','维吾尔族','苗族','彝族','壮族','布依族','朝鲜族','满族','侗族','瑶族','白族',
        '土家族','哈尼族','哈萨克族','傣族','黎族','傈僳族','佤族','畲族','高山族','拉祜族','水族','东乡族','纳西族','景颇族',
        '柯尔克孜族','土族','达斡尔族','仫佬族','羌族','布朗族','撒拉族','毛南族','仡佬族','锡伯族','阿昌族','普米族','塔吉克族',
        '怒族','乌孜别克族','俄罗斯族','鄂温克族','德昂族','保安族','裕固族','京族','塔塔尔族','独龙族','鄂伦春族','赫哲族',
        '门巴族','珞巴族','基诺族']) with ordinality as e(name, n);
-- every name is also read without 族 (汉, 回, 水 …: the column holds nothing else), and a few common short forms
update code_item set synonyms = synonyms || array['维族'] where code_set = 'ETHNICITY' and name = '维吾尔族';
update code_item set synonyms = synonyms || array['蒙族'] where code_set = 'ETHNICITY' and name = '蒙古族';
update code_item set synonyms = synonyms || array['鲜族'] where code_set = 'ETHNICITY' and name = '朝鲜族';
insert into code_item (code_set, code, name, synonyms, sort_order) values
    ('ETHNICITY', '97', '其他', '{其他民族,未识别民族,未定民族,穿青人,革家人,僜人,夏尔巴人}', 97),
    ('ETHNICITY', '98', '外国血统中国籍人士', '{外国血统,外籍加入中国籍}', 98);

-- GB/T 4658-2006. 毕业 and 结业 count at their stage; 肄业 (left without finishing) holds the stage below
-- (a 大学本科肄业 has no 本科学历), so it maps one level down.
insert into code_item (code_set, code, name, synonyms, maps_to, sort_order) values
    ('EDUCATION', '10', '研究生教育', '{研究生,研究生学历}', 'MASTER', 10),
    ('EDUCATION', '11', '博士研究生毕业', '{博士研究生,博士,博士研究生学历,研究生（博士）,研究生(博士)}', 'DOCTORATE', 11),
    ('EDUCATION', '12', '博士研究生结业', '{}', 'DOCTORATE', 12),
    ('EDUCATION', '13', '博士研究生肄业', '{}', 'MASTER', 13),
    ('EDUCATION', '14', '硕士研究生毕业', '{硕士研究生,硕士,硕士研究生学历,研究生（硕士）,研究生(硕士)}', 'MASTER', 14),
    ('EDUCATION', '15', '硕士研究生结业', '{}', 'MASTER', 15),
    ('EDUCATION', '16', '硕士研究生肄业', '{}', 'BACHELOR', 16),
    ('EDUCATION', '17', '研究生班毕业', '{研究生班}', 'MASTER', 17),
    ('EDUCATION', '18', '研究生班结业', '{}', 'MASTER', 18),
    ('EDUCATION', '19', '研究生班肄业', '{}', 'BACHELOR', 19),
    ('EDUCATION', '20', '大学本科教育', '{本科学历}', 'BACHELOR', 20),
    ('EDUCATION', '21', '大学本科毕业', '{大学本科,本科,大学,大本,本科毕业}', 'BACHELOR', 21),
    ('EDUCATION', '22', '大学本科结业', '{本科结业}', 'BACHELOR', 22),
    ('EDUCATION', '23', '大学本科肄业', '{本科肄业}', 'HIGH_SCHOOL', 23),
    ('EDUCATION', '28', '大学普通班毕业', '{大学普通班}', 'BACHELOR', 28),
    ('EDUCATION', '30', '大学专科教育', '{专科学历}', 'ASSOCIATE', 30),
    ('EDUCATION', '31', '大学专科毕业', '{大学专科,专科,大专,大专毕业,专科毕业}', 'ASSOCIATE', 31),
    ('EDUCATION', '32', '大学专科结业', '{专科结业,大专结业}', 'ASSOCIATE', 32),
    ('EDUCATION', '33', '大学专科肄业', '{专科肄业,大专肄业}', 'HIGH_SCHOOL', 33),
    ('EDUCATION', '40', '中等职业教育', '{中等职业学校}', 'TECHNICAL_SECONDARY', 40),
    ('EDUCATION', '41', '中等专科毕业', '{中专,中等专科,中专毕业,中师}', 'TECHNICAL_SECONDARY', 41),
    ('EDUCATION', '42', '中等专科结业', '{中专结业}', 'TECHNICAL_SECONDARY', 42),
    ('EDUCATION', '43', '中等专科肄业', '{中专肄业}', 'BELOW_HIGH_SCHOOL', 43),
    ('EDUCATION', '44', '职业高中毕业', '{职业高中,职高}', 'HIGH_SCHOOL', 44),
    ('EDUCATION', '45', '职业高中结业', '{}', 'HIGH_SCHOOL', 45),
    ('EDUCATION', '46', '职业高中肄业', '{}', 'BELOW_HIGH_SCHOOL', 46),
    ('EDUCATION', '47', '技工学校毕业', '{技工学校,技校,中技}', 'TECHNICAL_SECONDARY', 47),
    ('EDUCATION', '48', '技工学校结业', '{}', 'TECHNICAL_SECONDARY', 48),
    ('EDUCATION', '49', '技工学校肄业', '{}', 'BELOW_HIGH_SCHOOL', 49),
    ('EDUCATION', '60', '普通高级中学教育', '{高中学历}', 'HIGH_SCHOOL', 60),
    ('EDUCATION', '61', '普通高中毕业', '{高中,高中毕业,普通高中}', 'HIGH_SCHOOL', 61),
    ('EDUCATION', '62', '普通高中结业', '{高中结业}', 'HIGH_SCHOOL', 62),
    ('EDUCATION', '63', '普通高中肄业', '{高中肄业}', 'BELOW_HIGH_SCHOOL', 63),
    ('EDUCATION', '70', '初级中学教育', '{初中及以下,初中以下}', 'BELOW_HIGH_SCHOOL', 70),
    ('EDUCATION', '71', '初中毕业', '{初中}', 'BELOW_HIGH_SCHOOL', 71),
    ('EDUCATION', '73', '初中肄业', '{}', 'BELOW_HIGH_SCHOOL', 73),
    ('EDUCATION', '80', '小学教育', '{}', 'BELOW_HIGH_SCHOOL', 80),
    ('EDUCATION', '81', '小学毕业', '{小学}', 'BELOW_HIGH_SCHOOL', 81),
    ('EDUCATION', '83', '小学肄业', '{}', 'BELOW_HIGH_SCHOOL', 83),
    ('EDUCATION', '90', '其他', '{}', null, 90);

-- The 2019 grades stand at the level of the leading posts they correspond to (并行规定: 一级巡视员 厅局级正职,
-- 二级巡视员 厅局级副职, 一级、二级调研员 县处级正职, 三级、四级调研员 县处级副职, 一级、二级主任科员 乡科级正职,
-- 三级、四级主任科员 乡科级副职, 一级科员 科员, 二级科员 办事员).
insert into code_item (code_set, code, name, synonyms, maps_to, rank_grade, sort_order) values
    ('RANK_TITLE', 'Z01', '一级巡视员', '{}', 'BUREAU', 'PRINCIPAL', 1),
    ('RANK_TITLE', 'Z02', '二级巡视员', '{}', 'BUREAU', 'DEPUTY', 2),
    ('RANK_TITLE', 'Z03', '一级调研员', '{}', 'COUNTY', 'PRINCIPAL', 3),
    ('RANK_TITLE', 'Z04', '二级调研员', '{}', 'COUNTY', 'PRINCIPAL', 4),
    ('RANK_TITLE', 'Z05', '三级调研员', '{}', 'COUNTY', 'DEPUTY', 5),
    ('RANK_TITLE', 'Z06', '四级调研员', '{}', 'COUNTY', 'DEPUTY', 6),
    ('RANK_TITLE', 'Z07', '一级主任科员', '{}', 'TOWNSHIP', 'PRINCIPAL', 7),
    ('RANK_TITLE', 'Z08', '二级主任科员', '{}', 'TOWNSHIP', 'PRINCIPAL', 8),
    ('RANK_TITLE', 'Z09', '三级主任科员', '{}', 'TOWNSHIP', 'DEPUTY', 9),
    ('RANK_TITLE', 'Z10', '四级主任科员', '{}', 'TOWNSHIP', 'DEPUTY', 10),
    ('RANK_TITLE', 'Z11', '一级科员', '{}', 'STAFF', null, 11),
    ('RANK_TITLE', 'Z12', '二级科员', '{}', 'STAFF', null, 12);

-- 管理岗位 一至十级职员 correspond to 部级正职, 部级副职, 厅级正职 … 科员, 办事员 in turn (试行办法)
insert into code_item (code_set, code, name, synonyms, maps_to, rank_grade, sort_order)
select 'RANK_TITLE', 'G' || lpad(n::text, 2, '0'), g.cn || '级职员',
       array['管理' || g.cn || '级', '管理岗' || g.cn || '级', '管理岗位' || g.cn || '级', '管理岗位' || g.cn || '级职员',
             g.cn || '级职员岗位', '管理' || g.cn || '级职员'],
       (array['PROVINCIAL','PROVINCIAL','BUREAU','BUREAU','COUNTY','COUNTY','TOWNSHIP','TOWNSHIP','STAFF','STAFF'])[n],
       (array['PRINCIPAL','DEPUTY','PRINCIPAL','DEPUTY','PRINCIPAL','DEPUTY','PRINCIPAL','DEPUTY',null,null])[n],
       20 + n
from unnest(array['一','二','三','四','五','六','七','八','九','十']) with ordinality as g(cn, n);

-- 专业技术岗位 一至十三级: a professional grade, not a rank level (maps to none)
insert into code_item (code_set, code, name, synonyms, sort_order)
select 'RANK_TITLE', 'J' || lpad(n::text, 2, '0'), '专业技术' || g.cn || '级',
       array['专技' || g.cn || '级', '专技岗' || g.cn || '级', '专业技术岗位' || g.cn || '级', '专业技术' || g.cn || '级岗位',
             g.cn || '级专业技术岗位', '专技' || g.cn || '级岗位'],
       40 + n
from unnest(array['一','二','三','四','五','六','七','八','九','十','十一','十二','十三']) with ordinality as g(cn, n);

-- The cadre's values by code: the party a 民主党派 member belongs to, both educations of the 干部任免审批表, the grade
-- beside the post. leadership_basis says how 是否领导职务 was decided when nobody stated it (null: stated by a file
-- column or a clerk).
alter table cadre add column political_status_code varchar(10);
alter table cadre add column education_full_time varchar(10);
alter table cadre add column education_in_service varchar(10);
alter table cadre add column rank_title varchar(10);
alter table cadre add column leadership_basis varchar(120);

update cadre set political_status_code = case political_status
        when 'CPC_MEMBER' then '01' when 'CPC_PROBATIONARY' then '02' when 'CYL_MEMBER' then '03'
        when 'NON_PARTY' then '12' when 'MASSES' then '13' end;

-- ethnicities written in a short form before (汉, 回 …) stored by their standard name, as every write now does
update cadre c set ethnicity = i.name
from code_item i
where i.code_set = 'ETHNICITY' and i.code <> '97' and c.ethnicity <> i.name and c.ethnicity = any(i.synonyms);
