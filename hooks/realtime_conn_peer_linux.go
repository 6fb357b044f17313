package hooks

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// peerClosed reports whether the connection's peer has closed it (its FIN
// has come: the socket is in CLOSE_WAIT) or it has failed, from the
// socket's TCP state, without reading from it or waiting. Whatever the
// peer sent before closing (a TLS close_notify, a stray byte) does not
// hide the close.
func peerClosed(conn net.Conn) bool {
	sc, ok := rawConn(conn).(syscall.Conn)
	if !ok {
		return false
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	closed := false
	err = rc.Control(func(fd uintptr) {
		info, err := unix.GetsockoptTCPInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_INFO)
		closed = err != nil || info.State != unix.BPF_TCP_ESTABLISHED
	})
	return closed || err != nil
}
