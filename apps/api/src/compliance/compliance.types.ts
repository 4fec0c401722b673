/** The compliance wing's GraphQL types: the board, its thresholds and seals, and the inputs. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { COMPLIANCE_RULES, COMPLIANCE_STATES, type ComplianceRule } from '#domain';
import { asEnum } from '../common/enums.js';

export const ComplianceRuleEnum = asEnum(COMPLIANCE_RULES);
export const ComplianceStateEnum = asEnum(COMPLIANCE_STATES);
registerEnumType(ComplianceRuleEnum, { name: 'ComplianceRule', description: 'A rule of the compliance board (制度落实).' });
registerEnumType(ComplianceStateEnum, { name: 'ComplianceState', description: 'GREEN, AMBER or RED under the committee\'s thresholds; NONE_DUE when nothing was due.' });

/** Each rule as the board names it, in the seed's words. */
export const RULE_TITLES: Readonly<Record<ComplianceRule, string>> = {
  MEMBERS_IN_SPECIAL_COMMITTEE: '委员全部编入各专委会',
  LOCALITIES_HAVE_GROUP: '各乡镇街道均设联络组',
  GROUPS_ACTIVE_EACH_QUARTER: '各联络组每季度开展活动',
  DUE_LINKS_MET: '联系对象按要求联系到位',
  MEMBERS_TARGETED: '每位委员都有人联系',
  PARTY_COMMITTEE_REPORTED: '党组每年向市委汇报工作',
  PARTY_COMMITTEE_STUDIED: '市委每年研究政协工作不少于一次',
  PROPOSALS_REPLIED_ON_TIME: '立案提案按期答复',
  TOPICS_CARRIED_OUT: '重点协商议题均有视察和提案或社情民意',
  INSPECTION_REPORTS_ON_TIME: '视察报告按期形成',
  RECOMMENDATIONS_ANSWERED_ON_TIME: '视察建议按期答复',
};

@ObjectType({ description: 'One rule\'s cell: what was due, what was kept, its colour and the ids behind it.' })
export class ComplianceCell {
  @Field(() => ComplianceRuleEnum) rule!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true, description: 'The scheme of a DUE_LINKS_MET cell.' }) scheme!: string | null;
  @Field(() => Int) expected!: number;
  @Field(() => Int) met!: number;
  @Field(() => Float, { nullable: true, description: 'met / expected; null when nothing was due.' }) share!: number | null;
  @Field(() => ComplianceStateEnum) state!: string;
  @Field(() => [String], { description: 'The ids behind the cell — what is not kept (for the yearly rules, what keeps them) — sorted, the first evidenceFirst of them.' }) evidence!: string[];
  @Field(() => Int, { description: 'How many ids there are in all.' }) evidenceCount!: number;
}

@ObjectType({ description: '制度落实: the rules of the seed, checked over the log for a year.' })
export class ComplianceBoard {
  @Field(() => Int) year!: number;
  @Field({ description: 'The instant the board was read for.' }) on!: string;
  @Field(() => Float, { description: 'The log position it was read at.' }) position!: number;
  @Field({ description: 'SHA-256 over the year, "on" and every cell with all of its evidence: what a seal keeps.' }) boardHash!: string;
  @Field(() => [ComplianceCell]) cells!: ComplianceCell[];
}

@ObjectType()
export class ComplianceThresholdView {
  @Field(() => ComplianceRuleEnum) rule!: string;
  @Field(() => Float) green!: number;
  @Field(() => Float) amber!: number;
}

@ObjectType()
export class SealedComplianceCell {
  @Field(() => ComplianceRuleEnum) rule!: string;
  @Field(() => String, { nullable: true }) scheme!: string | null;
  @Field(() => Int) expected!: number;
  @Field(() => Int) met!: number;
  @Field(() => ComplianceStateEnum) state!: string;
}

@ObjectType({ description: 'A board as an auditor sealed it.' })
export class ComplianceSeal {
  @Field(() => ID) sealId!: string;
  @Field(() => Int) year!: number;
  @Field(() => Float, { description: 'The log position the board was read at.' }) position!: number;
  @Field() on!: string;
  @Field() boardHash!: string;
  @Field(() => [SealedComplianceCell]) cells!: SealedComplianceCell[];
  @Field() reason!: string;
  @Field() sealedAt!: string;
}

@ObjectType({ description: 'A cell whose figures differ between the seal and the board recomputed at its position.' })
export class ComplianceSealDifference {
  @Field(() => ComplianceRuleEnum) rule!: string;
  @Field(() => String, { nullable: true }) scheme!: string | null;
  @Field({ description: 'state met/expected as sealed.' }) sealed!: string;
  @Field({ description: 'state met/expected as recomputed.' }) recomputed!: string;
}

@ObjectType({ description: 'A seal checked: the board recomputed from the log at the sealed position and "on", and its hash compared.' })
export class ComplianceSealCheck {
  @Field(() => ID) sealId!: string;
  @Field({ description: 'True when the recomputed board hashes to the sealed hash.' }) matches!: boolean;
  @Field() sealedHash!: string;
  @Field() recomputedHash!: string;
  @Field(() => [ComplianceSealDifference], { description: 'Cells whose figures differ (none when only evidence differs).' }) differences!: ComplianceSealDifference[];
}

@InputType()
export class SetComplianceThresholdInput {
  @Field(() => ComplianceRuleEnum) rule!: string;
  @Field(() => Float, { description: 'GREEN at or above this share, 0 to 1.' }) green!: number;
  @Field(() => Float, { description: 'AMBER at or above this share, below green.' }) amber!: number;
  @Field() reason!: string;
}

@InputType({ description: 'The server reads the board now (for "on", default now) and seals its figures and hash.' })
export class SealComplianceBoardInput {
  @Field(() => ID) sealId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: 'The instant the board is read for (default: now); not in the future.' }) on?: string | null;
  @Field(() => String, { nullable: true, description: 'E.g. 提交常委会审议.' }) reason?: string | null;
}
