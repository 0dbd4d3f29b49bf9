// Tests for Workflow live here.
