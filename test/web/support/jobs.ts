// A job as main answers `jobs:get`: one fixture for node and web tests (test/support/jobs.ts); the
// web tests know it as jobAs.
export { jobSnapshot as jobAs } from '../../support/jobs';
