export {
  type GenerateResult,
  generatePolicies,
  type PolicyFile,
  type PolicyFormat,
  type PolicyIssue,
} from './generate';
export { PolicyBrowser, PolicyPlatform, PolicyRequest, RolloutSettings } from './request';
export { SAMPLE_POLICY_DIR, SAMPLE_POLICY_REQUEST } from './samples';
