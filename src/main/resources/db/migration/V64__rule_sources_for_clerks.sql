-- Rule notes and sources are shown to clerks: name the regulations, not the project's files and research notes.
update rule_set
set note = '依据《干部教育培训工作条例》《全国干部教育培训规划(2023-2027年)》《中国共产党党员教育管理工作条例》《公务员法》《公务员培训规定》等全国性规定；各地可“复制为新版本”后按本地规定修改'
where jurisdiction_org_id is null and note = '依据 RULES.md 全国性规定；地方可复制后修改';

update completion_rule
set source = replace(source, '本地规定（种子报告002）', '本地规定')
where source like '%本地规定（种子报告002）%';
