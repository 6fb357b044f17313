package hooks_test

import (
	"testing"

	"hearth/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }
