/**
 * Party-member education (党员教育): party members including those who are not cadres, mobile members
 * (流动党员) and the 条例's alerts about them, study activities with attendance and 学时 (cadre members are
 * also credited in the learning archive), SMS broadcasts through the notify outbox, remote education
 * sites (远程教育站点) with escalating alerts, the mobile classroom (流动课堂), member information cards
 * (党员信息卡) and statistics. Every read and write is limited to the user's data scope; a branch
 * secretary works on their own branch.
 * <p>
 * This package is the contract other modules use (members, study activities and their kinds). The rest lives in
 * {@code internal} packages, by part: {@code internal} (workbench lines, personal-data declaration, shared helpers),
 * {@code internal.member} (member endpoints, the roster sync, member cards, mobile members' alerts),
 * {@code internal.study} (study-activity endpoints and online attendance by personal link), {@code internal.message}
 * (SMS broadcasts and templates), {@code internal.site} (remote education sites and their alerts),
 * {@code internal.mobileclassroom} (流动课堂) and {@code internal.statistics}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "audit", "org", "people", "archive", "notify", "identity"})
package org.ganxun.partyedu;
