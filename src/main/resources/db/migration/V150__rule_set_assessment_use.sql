-- Issue 19: what a failed class assessment costs (a local rule, RULES.md, seed report 002) moved from Java into
-- rule data. Rule-set versions stored before keep the behaviour they had: a failed assessment bars that year's 优秀.
update rule_set
set document = jsonb_set(document, '{assessmentUse}', jsonb_build_object(
        'barsExcellent', true,
        'barsPromotionThatYear', false,
        'sourceText', '本地规定：干部教育培训考核不合格的，年度考核不得确定为优秀等次（依据《公务员培训规定》第四条，培训考核结果作为年度考核的重要内容；可在规则集中修改）'))
where not (document ? 'assessmentUse') or document -> 'assessmentUse' = 'null'::jsonb;
