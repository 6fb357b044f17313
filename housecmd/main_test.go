package housecmd_test

import (
	"testing"

	"hearth/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }
