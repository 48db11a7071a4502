package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// vterm is a small terminal emulator for the teatest driver. Bubble Tea
// repaints only the cells that changed, so the output stream holds
// fragments ("2 of 6" where the screen shows "step 2 of 6"); waiting for
// text means replaying the stream onto a screen and reading that. It
// knows the sequences the renderer writes: cursor movement, erasing,
// repeating, inserting and deleting, scrolling; styles are ignored.
type vterm struct {
	w, h     int
	cells    [][]string
	row, col int
	top, bot int // the scrolling region, inclusive
	last     string
	saved    [2]int
}

func newVterm(w, h int) *vterm {
	v := &vterm{w: w, h: h, top: 0, bot: h - 1}
	v.cells = make([][]string, h)
	for i := range v.cells {
		v.cells[i] = blankRow(w)
	}
	return v
}

func blankRow(w int) []string {
	r := make([]string, w)
	for i := range r {
		r[i] = " "
	}
	return r
}

func (v *vterm) clone() *vterm {
	c := *v
	c.cells = make([][]string, v.h)
	for i := range v.cells {
		c.cells[i] = append([]string(nil), v.cells[i]...)
	}
	return &c
}

// String is the screen, one line per row, trailing blanks cut.
func (v *vterm) String() string {
	lines := make([]string, v.h)
	for i, r := range v.cells {
		lines[i] = strings.TrimRight(strings.Join(r, ""), " ")
	}
	return strings.Join(lines, "\n")
}

func (v *vterm) clamp() {
	v.row = min(max(v.row, 0), v.h-1)
	v.col = min(max(v.col, 0), v.w-1)
}

func (v *vterm) put(g string, width int) {
	if v.col >= v.w {
		v.col = 0
		v.lineFeed()
	}
	v.cells[v.row][v.col] = g
	for i := 1; i < width && v.col+i < v.w; i++ {
		v.cells[v.row][v.col+i] = ""
	}
	v.col += max(width, 1)
	v.last = g
	if v.col > v.w {
		v.col = v.w
	}
}

func (v *vterm) lineFeed() {
	if v.row == v.bot {
		v.scrollUp(1)
		return
	}
	v.row = min(v.row+1, v.h-1)
}

func (v *vterm) scrollUp(n int) {
	for range n {
		copy(v.cells[v.top:v.bot], v.cells[v.top+1:v.bot+1])
		v.cells[v.bot] = blankRow(v.w)
	}
}

func (v *vterm) scrollDown(n int) {
	for range n {
		copy(v.cells[v.top+1:v.bot+1], v.cells[v.top:v.bot])
		v.cells[v.top] = blankRow(v.w)
	}
}

func (v *vterm) erase(row, from, to int) {
	for c := max(from, 0); c < min(to, v.w); c++ {
		v.cells[row][c] = " "
	}
}

// feed replays b onto the screen.
func (v *vterm) feed(b []byte) {
	p := ansi.NewParser()
	var state byte
	for len(b) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(b, state, p)
		state = newState
		b = b[n:]
		switch {
		case width > 0:
			v.put(string(seq), width)
		case len(seq) == 1:
			switch seq[0] {
			case '\r':
				v.col = 0
			case '\n':
				// Output that is not a terminal has no raw mode, so the
				// renderer relies on newline returning the carriage too.
				v.col = 0
				v.lineFeed()
			case '\b':
				v.col = max(v.col-1, 0)
			case '\t':
				v.col = min((v.col/8+1)*8, v.w-1)
			}
		case ansi.HasCsiPrefix(seq):
			v.csi(p)
		case ansi.HasEscPrefix(seq) && len(seq) == 2:
			switch seq[1] {
			case '7':
				v.saved = [2]int{v.row, v.col}
			case '8':
				v.row, v.col = v.saved[0], v.saved[1]
			case 'M':
				if v.row == v.top {
					v.scrollDown(1)
				} else {
					v.row = max(v.row-1, 0)
				}
			case 'D':
				v.lineFeed()
			case 'E':
				v.col = 0
				v.lineFeed()
			}
		}
	}
}

func (v *vterm) csi(p *ansi.Parser) {
	cmd := ansi.Cmd(p.Command())
	if cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		return // private modes and the like draw nothing
	}
	arg := func(i, def int) int {
		n, _ := p.Param(i, def)
		if n == 0 && def == 1 {
			n = 1
		}
		return n
	}
	switch cmd.Final() {
	case 'H', 'f':
		v.row, v.col = arg(0, 1)-1, arg(1, 1)-1
	case 'A':
		v.row -= arg(0, 1)
	case 'B':
		v.row += arg(0, 1)
	case 'C':
		v.col += arg(0, 1)
	case 'D':
		v.col -= arg(0, 1)
	case 'E':
		v.row, v.col = v.row+arg(0, 1), 0
	case 'F':
		v.row, v.col = v.row-arg(0, 1), 0
	case 'G', '`':
		v.col = arg(0, 1) - 1
	case 'd':
		v.row = arg(0, 1) - 1
	case 'K':
		v.clamp()
		switch arg(0, 0) {
		case 0:
			v.erase(v.row, v.col, v.w)
		case 1:
			v.erase(v.row, 0, v.col+1)
		case 2:
			v.erase(v.row, 0, v.w)
		}
		return
	case 'J':
		v.clamp()
		switch arg(0, 0) {
		case 0:
			v.erase(v.row, v.col, v.w)
			for r := v.row + 1; r < v.h; r++ {
				v.erase(r, 0, v.w)
			}
		case 1:
			for r := 0; r < v.row; r++ {
				v.erase(r, 0, v.w)
			}
			v.erase(v.row, 0, v.col+1)
		case 2, 3:
			for r := range v.h {
				v.erase(r, 0, v.w)
			}
		}
		return
	case 'X':
		v.clamp()
		v.erase(v.row, v.col, v.col+arg(0, 1))
		return
	case 'b':
		for range arg(0, 1) {
			v.put(v.last, 1)
		}
		return
	case '@':
		v.clamp()
		n := min(arg(0, 1), v.w-v.col)
		r := v.cells[v.row]
		copy(r[v.col+n:], r[v.col:v.w-n])
		v.erase(v.row, v.col, v.col+n)
		return
	case 'P':
		v.clamp()
		n := min(arg(0, 1), v.w-v.col)
		r := v.cells[v.row]
		copy(r[v.col:], r[v.col+n:])
		v.erase(v.row, v.w-n, v.w)
		return
	case 'L', 'M':
		v.clamp()
		if v.row < v.top || v.row > v.bot {
			return
		}
		top := v.top
		v.top = v.row
		if cmd.Final() == 'L' {
			v.scrollDown(arg(0, 1))
		} else {
			v.scrollUp(arg(0, 1))
		}
		v.top = top
		v.col = 0
		return
	case 'S':
		v.scrollUp(arg(0, 1))
		return
	case 'T':
		v.scrollDown(arg(0, 1))
		return
	case 'r':
		v.top, v.bot = arg(0, 1)-1, arg(1, v.h)-1
		v.top, v.bot = min(max(v.top, 0), v.h-1), min(max(v.bot, 0), v.h-1)
		v.row, v.col = 0, 0
		return
	default:
		return
	}
	v.clamp()
}
