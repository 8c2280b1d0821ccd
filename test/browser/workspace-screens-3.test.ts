import { describeWorkspaceScreens } from '../support/workspace-screens-check.ts';

// One in three workspace screens: see describeWorkspaceScreens.
describeWorkspaceScreens(3, 3);
