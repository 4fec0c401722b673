/**
 * Labels in Chinese (the default) and English. Domain terms follow DOMAIN.md: 联络组, 界别,
 * 专委会, 党外委员 … Every label is one entry with both languages side by side, so a label cannot
 * exist in one language only (the type checker refuses an entry with one string).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'zh' | 'en';

const LABELS = {
  appTitle: ['政协联络工作平台', 'CPPCC liaison network'],
  language: ['English', '中文'],
  signOut: ['退出', 'Sign out'],
  signIn: ['登录', 'Sign in'],
  tokenLabel: ['访问令牌', 'Access token'],
  tokenHelp: [
    '请打开管理员发给您的登录链接，或在此粘贴令牌。管理员在本页面的“签发令牌”中签发，或使用命令 npm run cli -- issue-token --role LEADER --subject 姓名 --url 本页地址。',
    'Open the sign-in link your administrator sent you, or paste the token here. Administrators issue one on this page (Issue a token) or with: npm run cli -- issue-token --role LEADER --subject NAME --url PAGE-ADDRESS',
  ],
  checking: ['正在验证…', 'Checking…'],
  loading: ['加载中…', 'Loading…'],
  retry: ['重试', 'Retry'],
  close: ['关闭', 'Close'],
  leadersView: ['领导看板', "Leaders' view"],
  trailOfIssue: ['查看这个问题的去向（反映 → 答复）', 'Follow this issue to its answer'],
  groupView: ['联络组工作台', 'Liaison group'],
  issueToken: ['签发令牌', 'Issue a token'],
  issueTokenHelp: [
    '为领导、审计人员、联络组记录员或委员会办公室录入员签发令牌，把生成的登录链接交给本人。管理员令牌不能查看联系记录和统计。',
    'Issue a token for a leader, an auditor, a liaison group’s clerk or the committee office’s clerk and hand them the sign-in link. An administrator token cannot read contacts or figures.',
  ],
  recordsFor: ['记录范围', 'Records for'],
  reach_GROUPS: ['联络组记录员：所选联络组的联系记录', 'A liaison group’s clerk: the chosen groups’ contacts'],
  reach_OFFICE: ['委员会办公室录入员：全委员会的全部联系记录', 'The committee office’s clerk: every contact of the committee'],
  tokenGrants: ['授权范围', 'Grants'],
  grant_COMMITTEE_OFFICE: ['委员会办公室（全部联系记录）', 'committee office (every contact)'],
  grantMember: ['委员 {id}', 'member {id}'],
  tokensOnRecord: ['已签发的令牌', 'Tokens on record'],
  tokenSubject: ['持有人', 'Holder'],
  tokenRole: ['角色', 'Role'],
  tokenStatus: ['状态', 'Status'],
  tokenExpires: ['到期时间', 'Expires'],
  tokenDays: ['有效天数', 'Valid for (days)'],
  status_ACTIVE: ['有效', 'active'],
  status_EXPIRED: ['已过期', 'expired'],
  status_REVOKED: ['已吊销', 'revoked'],
  revoke: ['吊销', 'Revoke'],
  issuedOnce: ['登录链接只显示这一次，系统不保存令牌本身。请复制后当面或通过安全渠道交给持有人：', 'This sign-in link is shown once; the token itself is stored nowhere. Copy it and hand it over safely:'],
  signInLink: ['登录链接', 'Sign-in link'],
  signedInAs: ['当前用户', 'Signed in as'],
  // ---- roles
  role_LEADER: ['领导', 'leader'],
  role_AUDITOR: ['审计', 'auditor'],
  role_RECORDER: ['记录员', 'recorder'],
  role_ADMIN: ['管理员', 'administrator'],
  // ---- period picker
  year: ['年度', 'Year'],
  per: ['统计周期', 'Per'],
  per_MONTH: ['月', 'month'],
  per_QUARTER: ['季度', 'quarter'],
  period: ['时段', 'Period'],
  wholeYear: ['全年', 'whole year'],
  asOf: ['数据截至', 'As recorded on'],
  asOfNow: ['现在', 'now'],
  asOfHelp: ['查看某一时刻系统中记录的数字（之后补录和更正的不计入）', 'See the figures as the record stood at a moment (later entries and corrections left out)'],
  scheme: ['联系制度', 'Scheme'],
  allSchemes: ['全部制度', 'all schemes'],
  // ---- schemes (DOMAIN.md)
  scheme_PARTY_GROUP_TO_PARTY_MEMBER: ['党组成员联系党员委员', 'Party group → Party members'],
  scheme_PARTY_MEMBER_TO_NON_PARTY: ['党员委员联系党外委员', 'Party members → non-Party members'],
  scheme_COMMITTEE_TO_PARTIES_AND_ORGS: ['联系民主党派和人民团体', 'Democratic parties & people’s organizations'],
  scheme_SECTOR: ['界别联系', 'Sectors'],
  scheme_LIAISON_GROUP: ['联络组运行', 'Liaison groups'],
  scheme_CONVENER: ['闭会期间召集人', 'Conveners between sessions'],
  schemeShort_PARTY_GROUP_TO_PARTY_MEMBER: ['党组→党员', 'PG → CPC'],
  schemeShort_PARTY_MEMBER_TO_NON_PARTY: ['党员→党外', 'CPC → non-P'],
  schemeShort_COMMITTEE_TO_PARTIES_AND_ORGS: ['党派团体', 'Parties, orgs'],
  schemeShort_SECTOR: ['界别', 'Sectors'],
  schemeShort_LIAISON_GROUP: ['联络组', 'Groups'],
  schemeShort_CONVENER: ['召集人', 'Conveners'],
  // ---- affiliations
  aff_CPC: ['中共党员', 'CPC'],
  aff_NON_PARTY: ['无党派人士', 'Non-party'],
  aff_RCCK: ['民革', 'RCCK'],
  aff_CDL: ['民盟', 'CDL'],
  aff_CNDCA: ['民建', 'CNDCA'],
  aff_CAPD: ['民进', 'CAPD'],
  aff_CPWDP: ['农工党', 'CPWDP'],
  aff_CZGP: ['致公党', 'CZGP'],
  aff_JIUSAN: ['九三学社', 'Jiusan'],
  aff_TDSGL: ['台盟', 'TDSGL'],
  // ---- organization kinds
  org_DEMOCRATIC_PARTY: ['民主党派', 'democratic party'],
  org_PEOPLES_ORGANIZATION: ['人民团体', 'people’s organization'],
  org_SECTOR: ['界别', 'sector'],
  org_SPECIAL_COMMITTEE: ['专委会', 'special committee'],
  org_LIAISON_GROUP: ['联络组', 'liaison group'],
  org_MEMBER_STUDIO: ['委员工作室', 'member studio'],
  org_PARTY_COMMITTEE: ['市委', 'Party committee'],
  org_HANDLING_UNIT: ['承办单位', 'handling unit'],
  person: ['非委员人士', 'person'],
  // ---- locality kinds
  loc_SUBDISTRICT: ['街道', 'subdistrict'],
  loc_TOWN: ['镇', 'town'],
  loc_TOWNSHIP: ['乡', 'township'],
  loc_URBAN_AREA: ['城区', 'urban area'],
  // ---- channels
  ch_VISIT: ['走访', 'visit'],
  ch_MEETING: ['座谈会议', 'meeting'],
  ch_PHONE: ['电话', 'phone'],
  ch_ONLINE: ['线上', 'online'],
  ch_LETTER: ['信函', 'letter'],
  ch_EVENT: ['活动', 'event'],
  // ---- leaders' view
  coverageHeatmap: ['联系任务覆盖率（制度 × 时段）', 'Coverage of mandated links (scheme × period)'],
  coverageHeatmapHelp: [
    '格中数字：已达标任务 / 应履行任务。达标指该时段内的联系次数达到规定次数。',
    'Each cell: covered links / due links. A due link is covered when its contacts in the period reach its requirement.',
  ],
  coverageByGroup: ['各联络组覆盖率', 'Coverage by liaison group'],
  territorial: ['乡镇街道覆盖（本时段有联系记录的联络组）', 'Territorial coverage (localities whose group logged a contact)'],
  usageHistogram: ['联系任务使用次数分布', 'How often links are used'],
  usageAxisLinks: ['任务数', 'links'],
  usageAxisContacts: ['联系次数', 'contacts'],
  staleLinks: ['久未联系的任务', 'Stale links'],
  staleDays: ['未联系天数不少于', 'Silent for at least (days)'],
  daysSince: ['距上次联系（天）', 'Days since last contact'],
  lastContact: ['上次联系', 'Last contact'],
  never: ['从未联系', 'never'],
  source: ['联系人', 'Source'],
  target: ['联系对象', 'Target'],
  activeFrom: ['任务开始', 'Active from'],
  network: ['联络网络', 'The network'],
  networkHelp: ['节点按党派着色，连线粗细表示本时段联系次数。点击委员查看其联系记录。', 'Nodes coloured by affiliation, edges by contacts in the period. Click a member to open their timeline.'],
  isolatedNodes: ['另有 {n} 个本时段没有联系任务的委员、组织或人士未画出。', '{n} members, organizations or persons with no link due in the period are not drawn.'],
  showNetwork: ['显示网络图', 'Show the network'],
  timelineOf: ['联系记录：', 'Timeline: '],
  noContacts: ['没有联系记录。', 'No contacts.'],
  covered: ['达标', 'covered'],
  allCovered: ['全部达标', 'all covered'],
  noneCovered: ['均未达标', 'none covered'],
  due: ['应履行', 'due'],
  localitiesCovered: ['覆盖', 'covered'],
  overallCoverage: ['本时段总体覆盖率', 'Coverage in the period'],
  territoryShort: ['乡镇街道覆盖', 'Localities covered'],
  contactsRecorded: ['联系记录总数（全部时段）', 'Contacts recorded (all time)'],
  contactsCount: ['次联系', 'contacts'],
  noGroup: ['未设联络组', 'no liaison group'],
  liveUpdated: ['新的联系记录已计入：', 'New contact counted: '],
  liveCorrected: ['联系记录已更正，统计已更新：', 'A contact was corrected; figures updated: '],
  liveRetracted: ['联系记录已撤回，统计已更新：', 'A contact was retracted; figures updated: '],
  liveOff: ['实时更新已中断，正在重连…', 'Live updates interrupted; reconnecting…'],
  live: ['实时', 'live'],
  emptyStore: [
    '还没有任何联系任务。管理员导入名册和联系任务后（例如 npm run sample:load 导入示例数据），这里会显示统计。',
    'No liaison links yet. Once an administrator imports the roster and links (npm run sample:load loads the sample network), the figures appear here.',
  ],
  nothingDue: ['本时段没有应履行的联系任务。', 'No link was due in this period.'],
  failed: ['数据加载失败：', 'Could not load: '],
  sortBy: ['点击列标题排序', 'Click a column heading to sort'],
  moreRows: ['另有 {n} 条未显示', '{n} more not shown'],
  download: ['下载', 'Download'],
  downloadHelp: ['下载为 CSV 文件（可用 Excel、WPS 打开）', 'Download as a CSV file (opens in Excel or WPS)'],
  downloading: ['正在下载…', 'Downloading…'],
  csvPeriod: ['时段', 'Period'],
  csvRatio: ['覆盖率', 'Coverage'],
  csvLinkId: ['任务编号', 'Link id'],
  csvCoverageFile: ['覆盖率', 'coverage'],
  csvStaleFile: ['久未联系的任务', 'stale-links'],
  // ---- group view
  chooseGroup: ['联络组', 'Liaison group'],
  logContact: ['登记联系记录', 'Log a contact'],
  forLinks: ['对应的联系任务', 'Links it serves'],
  findLink: ['输入姓名查找联系任务', 'Type a name to find a link'],
  forLinksHelp: ['选择任务后，任务双方会自动加入参加者。', 'Choosing a link adds both of its ends as participants.'],
  participants: ['参加者（至少两位）', 'Participants (at least two)'],
  addParticipant: ['添加参加者', 'Add a participant'],
  searchMember: ['输入姓名查找委员', 'Type a name to find a member'],
  remove: ['移除', 'remove'],
  occurredAt: ['联系时间', 'When it happened'],
  channel: ['方式', 'Channel'],
  topic: ['主题', 'Topic'],
  summary: ['内容摘要', 'Summary'],
  issuesRaised: ['反映的问题（每行一条）', 'Issues raised (one per line)'],
  submit: ['提交', 'Submit'],
  saving: ['正在提交…', 'Saving…'],
  logged: ['已登记。', 'Logged.'],
  alreadyLogged: ['这条记录此前已登记，未重复计入。', 'This contact had already been logged; nothing was counted twice.'],
  notCountedBeforeActive: ['注意：联系日期早于任务“{link}”的起始日期，已登记但不计入该任务。', 'Note: the contact is dated before the link “{link}” began; it is logged but does not count for it.'],
  notCountedAfterEnd: ['注意：联系日期晚于任务“{link}”的结束日期，已登记但不计入该任务。', 'Note: the contact is dated after the link “{link}” ended; it is logged but does not count for it.'],
  notCountedPlenary: ['注意：联系发生在全体会议期间，召集人任务“{link}”只计闭会期间的联系，已登记但不计入。', 'Note: the contact took place during a plenary session; the convener link “{link}” counts only contacts between sessions. It is logged but does not count.'],
  recentContacts: ['本组最近的联系记录', 'The group’s recent contacts'],
  showMore: ['显示更早的记录（还有 {n} 条）', 'Show older ({n} more)'],
  correct: ['更正', 'Correct'],
  retract: ['撤回', 'Retract'],
  retracted: ['已撤回', 'retracted'],
  corrected: ['已更正 {n} 次', 'corrected {n}×'],
  reason: ['原因（必填，会保留在记录中）', 'Reason (required, kept in the record)'],
  confirmRetract: ['确认撤回', 'Retract it'],
  saveCorrection: ['保存更正', 'Save the correction'],
  cancel: ['取消', 'Cancel'],
  groupLinks: ['本组的联系任务（本季度）', 'The group’s links (this quarter)'],
  standingSummary: ['本季度已达标 {met} / {all} 项', 'Met this quarter: {met} of {all}'],
  met: ['已达标', 'met'],
  notMet: ['未达标', 'not met'],
  noLinksInScope: ['您的令牌范围内没有联系任务。仍可登记不对应任务的联系。', 'No links in your token’s scope. You can still log an ad-hoc contact.'],
  noScope: ['此令牌没有指定联络组。', 'This token names no liaison group.'],
  // ---- the committee office's view
  officeTitle: ['委员会办公室：全委员会的联系任务', 'Committee office: every link of the committee'],
  officeHelp: [
    '可为全委员会的任何联系任务登记联系记录，包括党组成员、党员委员报送办公室的联系情况。',
    'Log contacts for any link of the committee, including the talks the Party group and the Party members report to the office.',
  ],
  loggedFor: ['登记的联络组', 'Logged by liaison group'],
  loggedForOffice: ['不属任何联络组（由委员会办公室登记）', 'none: the committee office logs it'],
  committeeLinks: ['全委员会的联系任务（本季度）', 'The committee’s links (this quarter)'],
  filterLinks: ['按姓名筛选', 'Filter by name'],
  allGroups: ['全部联络组', 'all liaison groups'],
  unmetOnly: ['只看未达标', 'not met only'],
  recentOf: ['最近的联系记录', 'Recent contacts'],
  whoseContacts: ['查看谁的联系记录', 'Whose contacts'],
  chooseWhoseContacts: ['请选择联络组、委员或组织，查看其最近的联系记录。登记一条后，这里显示其参加者的记录。', 'Choose a liaison group, a member or an organization to see their recent contacts. Once you log one, its participant’s are shown here.'],
  choose: ['请选择', 'Choose'],
  liaisonGroups: ['联络组', 'Liaison groups'],
  members: ['委员', 'Members'],
  organizations: ['组织', 'Organizations'],
  persons: ['非委员人士', 'Persons'],
  // ---- errors, as a clerk reads them (by code, then by field)
  err_UNAUTHENTICATED: ['登录已失效：令牌不正确、已过期或已被吊销。请重新输入令牌。', 'You are signed out: the token is wrong, expired or revoked. Enter a valid token.'],
  err_FORBIDDEN: ['您的令牌无权进行此操作（只能查看或登记本组范围内的记录）。', 'Your token does not allow this (you can only read and log your own group’s records).'],
  err_NOT_FOUND: ['找不到所选的人员、任务或记录，可能已被更改。请刷新页面后再试。', 'A chosen person, link or record was not found; it may have changed. Reload and try again.'],
  err_CONFLICT: ['这条记录已被他人修改。请刷新后再试。', 'Someone changed this record meanwhile. Reload and try again.'],
  err_VALIDATION: ['填写的内容不符合要求：', 'Something in the form is not right: '],
  err_BAD_USER_INPUT: ['填写的内容格式不正确：', 'A value has the wrong form: '],
  err_RATE_LIMITED: ['操作过于频繁，请 {n} 秒后再试。', 'Too many requests; try again in {n} s.'],
  err_PAYLOAD_TOO_LARGE: ['内容太长，请缩短摘要或问题。', 'Too much text; shorten the summary or issues.'],
  err_QUERY_TOO_COMPLEX: ['请求过于复杂。', 'The request is too complex.'],
  err_NETWORK: ['无法连接服务器。请检查网络后重试，已填写的内容不会丢失。', 'The server cannot be reached. Check the connection and try again; what you typed is kept.'],
  err_UNAVAILABLE: ['服务器暂时不可用，请稍后再试。', 'The server is not available right now; try again shortly.'],
  err_TIMEOUT: ['服务器响应超时，请稍后再试。', 'The server took too long; try again shortly.'],
  err_other: ['出现意外错误，请稍后再试或联系管理员。', 'Something unexpected went wrong; try again or tell your administrator.'],
  field_participantIds: ['请至少选择两位不同的参加者。', 'Choose at least two different participants.'],
  field_occurredAt: ['联系时间不能晚于现在，请检查日期和时间。', 'The time cannot be in the future; check the date and time.'],
  field_linkIds: ['所选联系任务的双方都必须是参加者。', 'Both ends of each chosen link must be participants.'],
  field_topic: ['请填写主题。', 'Enter a topic.'],
  field_reason: ['请填写原因。', 'Enter a reason.'],
  field_asOf: ['所选时刻早于第一条记录或晚于现在，请另选时刻。', 'The chosen moment is before the first record or in the future; choose another.'],
  field_contactId: ['这次更正没有改变任何内容。', 'The correction changes nothing.'],
  // ---- proposals (提案办理)
  p_officeTitle: ['提案办理 · 提案委员会办公室', 'Proposals · proposals office'],
  p_unitTitle: ['提案办理 · 承办单位', 'Proposals · handling unit'],
  p_memberTitle: ['我的提案', 'My proposals'],
  p_intake: ['待审查提案', 'Intake queue'],
  p_intakeEmpty: ['没有待审查的提案。', 'No proposals waiting for review.'],
  p_file: ['立案', 'File'],
  p_filedAs: ['已立案：{n}', 'Filed as {n}'],
  p_toAssign: ['已立案提案与交办', 'Filed proposals and assignment'],
  p_toAssignEmpty: ['没有已立案的提案。', 'No filed proposals.'],
  p_assign: ['交办', 'Assign'],
  p_assigned: ['已交办', 'Assigned'],
  p_unit: ['承办单位', 'Handling unit'],
  p_role: ['办理方式', 'Role'],
  p_role_LEAD: ['主办', 'lead'],
  p_role_ASSIST: ['协办', 'assisting'],
  p_dueOn: ['办理期限', 'Due on'],
  p_board: ['办理期限看板', 'Deadline board'],
  p_boardEmpty: ['还没有交办的提案。', 'Nothing assigned yet.'],
  p_state_NOT_YET_DUE: ['未到期', 'not yet due'],
  p_state_DUE_SOON: ['即将到期', 'due soon'],
  p_state_OVERDUE: ['已超期', 'overdue'],
  p_state_REPLIED_ON_TIME: ['按期答复', 'replied on time'],
  p_state_REPLIED_LATE: ['逾期答复', 'replied late'],
  p_state_RETURNED: ['已退回', 'returned'],
  p_daysOverdue: ['超期 {n} 天', '{n} days overdue'],
  p_release: ['发布答复', 'Release reply'],
  p_released: ['已发布', 'Released'],
  p_number: ['编号', 'Number'],
  p_title: ['标题', 'Title'],
  p_proposer: ['提案人', 'Proposer'],
  p_stage: ['状态', 'Stage'],
  p_stage_SUBMITTED: ['已提交', 'submitted'],
  p_stage_FILED: ['已立案', 'filed'],
  p_stage_NOT_FILED: ['不立案', 'not filed'],
  p_stage_RETURNED: ['退回修改', 'returned for revision'],
  p_stage_MERGED: ['已并案', 'merged'],
  p_stage_WITHDRAWN: ['已撤回', 'withdrawn'],
  p_stage_CLOSED: ['已办结', 'closed'],
  p_myAssignments: ['本单位承办的提案（按期限排序）', 'My assignments, by deadline'],
  p_myAssignmentsEmpty: ['本单位暂无承办的提案。', 'Nothing assigned to this unit.'],
  p_reply: ['答复', 'Reply'],
  p_replyText: ['答复内容', 'Reply text'],
  p_letterDate: ['答复函日期', 'Letter date'],
  p_resultCode: ['办理结果', 'Result'],
  p_result_A: ['A 解决或基本解决', 'A solved or mostly solved'],
  p_result_B: ['B 列入计划拟解决', 'B planned'],
  p_result_C: ['C 留作参考', 'C kept for reference'],
  p_plannedOn: ['计划解决日期', 'Planned date'],
  p_referenceReason: ['留作参考的原因', 'Why kept for reference'],
  p_needPlanned: ['B 类答复须填写计划解决日期。', 'A B reply needs a planned date.'],
  p_needReason: ['C 类答复须填写原因。', 'A C reply needs the reason.'],
  p_replySent: ['已答复（第 {v} 稿，{s}）', 'Replied (version {v}, {s})'],
  p_replyStatus_SUBMITTED: ['待提案办审核', 'waiting for the office'],
  p_replyStatus_SENT_BACK: ['已退回重办', 'sent back'],
  p_replyStatus_RELEASED: ['已发布', 'released'],
  p_myProposalsEmpty: ['您还没有提案。', 'You have no proposals yet.'],
  p_rate: ['评价', 'Rate'],
  p_attitude: ['办理态度', 'Attitude'],
  p_resultAxis: ['办理结果', 'Result'],
  p_sat_SATISFIED: ['满意', 'satisfied'],
  p_sat_BASICALLY_SATISFIED: ['基本满意', 'basically satisfied'],
  p_sat_UNSATISFIED: ['不满意', 'unsatisfied'],
  p_comment: ['意见（可选）', 'Comment (optional)'],
  p_rated: ['已评价：办理态度 {a}，办理结果 {r}', 'Rated: attitude {a}, result {r}'],
  p_awaitingReply: ['等待答复', 'awaiting reply'],
  p_leaderCard: ['提案办理', 'Proposals'],
  p_leaderHelp: ['各承办单位按期答复率（主办与协办合计）；点击单位查看其承办的提案。', 'On-time reply rate per handling unit (lead and assisting together); click a unit for its proposals.'],
  p_onTimeChart: ['各承办单位按期答复率', 'On-time rate per handling unit'],
  p_overdueCount: ['超期未答复', 'Overdue now'],
  p_keyProposals: ['重点提案', 'Key proposals'],
  p_keyEmpty: ['暂无重点提案。', 'No key proposals.'],
  p_keyProgress: ['已答复 {r}/{n}，超期 {o}', 'replied {r}/{n}, overdue {o}'],
  p_unitsEmpty: ['暂无交办记录。', 'No assignments yet.'],
  p_onTime: ['按期率', 'On time'],
  p_unitList: ['{u} 承办的提案', 'Proposals assigned to {u}'],
  p_invitations: ['联署邀请', 'Co-signing invitations'],
  p_invitationsEmpty: ['没有待联署的邀请。', 'No invitations to co-sign.'],
  p_coSign: ['联署', 'Co-sign'],
  p_coSigned: ['已联署', 'Co-signed'],
  p_invitationExpired: ['邀请已过期', 'Invitation expired'],
  p_signBy: ['联署截止 {d}', 'sign by {d}'],
  p_submitTitle: ['提交提案', 'Submit a proposal'],
  p_session: ['届次会议', 'Session'],
  p_reasons: ['案由', 'Reasons'],
  p_suggestions: ['办法', 'Suggestions'],
  p_coSignerIds: ['联署委员编号（可选，以逗号分隔）', 'Co-signer ids (optional, comma-separated)'],
  p_submit: ['提交', 'Submit'],
  p_submitted: ['已提交：{title}', 'Submitted: {title}'],
  p_noSessions: ['暂无可提交提案的届次会议。', 'No session to submit to.'],
  p_consult: ['走访提案人', 'Consult the proposer'],
  p_consultTopic: ['事由', 'Topic'],
  p_occurredAt: ['时间', 'When'],
  p_record: ['记录', 'Record'],
  p_consulted: ['已走访', 'consulted'],
  p_notConsulted: ['未走访提案人', 'proposer not yet consulted'],
  details: ['详情', 'details'],
} satisfies Record<string, readonly [string, string]>;

export type LabelKey = keyof typeof LABELS;

const LANG_KEY = 'liaison.lang';
export function initialLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
}
export function rememberLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export type Translate = ((key: LabelKey, vars?: Record<string, string | number>) => string) & {
  lang: Lang;
  /** A label built from a prefix and an enum value (scheme_SECTOR); the value itself if there is no label. */
  of: (prefix: string, value: string | null | undefined) => string;
};

export function translator(lang: Lang): Translate {
  const index = lang === 'zh' ? 0 : 1;
  const t = ((key: LabelKey, vars: Record<string, string | number> = {}) =>
    LABELS[key][index].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''))) as Translate;
  t.lang = lang;
  t.of = (prefix, value) => {
    if (!value) return '';
    const key = `${prefix}_${value}` as LabelKey;
    return key in LABELS ? t(key) : value;
  };
  return t;
}

/** A wing's own labels, both languages side by side like LABELS; they travel in the wing's chunk, not the first load. */
export type WingLabels<K extends string> = Record<K, readonly [string, string]>;
export type WingTranslate<K extends string> = ((key: K | LabelKey, vars?: Record<string, string | number>) => string) & Pick<Translate, 'lang' | 'of'>;

/** The page's translator (the language the switch chose) that also knows a wing's labels; a wing's key wins over a shared one. */
export function wingTranslator<K extends string>(t: Translate, labels: WingLabels<K>): WingTranslate<K> {
  const index = t.lang === 'zh' ? 0 : 1;
  const own = (key: string): key is K => Object.prototype.hasOwnProperty.call(labels, key);
  const wt = ((key: K | LabelKey, vars: Record<string, string | number> = {}) =>
    own(key) ? labels[key][index].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : t(key as LabelKey, vars)) as WingTranslate<K>;
  wt.lang = t.lang;
  wt.of = (prefix, value) => {
    if (!value) return '';
    const key = `${prefix}_${value}`;
    return own(key) ? wt(key) : t.of(prefix, value);
  };
  return wt;
}

export const I18n = createContext<{ t: Translate; setLang: (lang: Lang) => void }>({ t: translator('zh'), setLang: () => undefined });
export const useT = () => useContext(I18n).t;
/** useT for a wing's views: its own labels first, then the page's. */
export const useWingT = <K extends string>(labels: WingLabels<K>): WingTranslate<K> => wingTranslator(useContext(I18n).t, labels);

/** The message a clerk reads for an API error: by field where we know it, else by code, with the server's words as details. */
export function describeError(t: Translate, error: unknown): { message: string; details?: string } {
  const e = error as { code?: string; field?: string; message?: string; retryAfter?: number };
  const code = e?.code ?? 'other';
  const details = e?.message;
  if ((code === 'VALIDATION' || code === 'BAD_USER_INPUT') && e.field && `field_${e.field}` in LABELS) return { message: t(`field_${e.field}` as LabelKey), details };
  if (code === 'RATE_LIMITED') return { message: t('err_RATE_LIMITED', { n: e.retryAfter ?? 60 }), details };
  const key = `err_${code}` as LabelKey;
  if (key in LABELS) return { message: t(key) + (code === 'VALIDATION' || code === 'BAD_USER_INPUT' ? (details ?? '') : ''), details: code === 'VALIDATION' || code === 'BAD_USER_INPUT' ? undefined : details };
  return { message: t('err_other'), details };
}
