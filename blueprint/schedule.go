package blueprint

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MinRotationInterval is the shortest gap Secrets Manager allows between two
// scheduled rotations.
const MinRotationInterval = 4 * time.Hour

// MaxAutomaticallyAfterDays is the API's upper bound for AutomaticallyAfterDays.
const MaxAutomaticallyAfterDays = 1000

// Schedule is what a schedule expression means for compliance: the shortest
// and the longest gap between two rotations it produces.
type Schedule struct {
	// Kind is "rate" or "cron".
	Kind string
	// MinInterval and MaxInterval bound the gap between rotations. They are
	// equal for a rate expression. For a cron expression they come from
	// walking the calendar, so "on the 1st of every month" gives 28 and 31
	// days.
	MinInterval, MaxInterval time.Duration
	// LastStart is, for a cron expression, the latest time of day (after
	// midnight UTC) at which it opens a rotation window; a window must
	// close by the end of its UTC day. It is 0 for a rate expression,
	// whose windows start at midnight.
	LastStart time.Duration
}

// never stands for a schedule that stops firing (a cron with past years).
const never = 100 * 365 * 24 * time.Hour

// scheduleCache holds the last parsed expression. The wizard validates on
// every keystroke and both Validate and Check parse the same expression, so a
// single entry removes almost all the calendar walks.
var scheduleCache struct {
	sync.Mutex
	expr string
	s    Schedule
	err  error
	ok   bool
}

// ParseSchedule parses a Secrets Manager schedule expression:
// rate(N hours), rate(N days) or cron(minutes hours day-of-month month
// day-of-week year), in UTC.
func ParseSchedule(expr string) (Schedule, error) {
	c := &scheduleCache
	c.Lock()
	if c.ok && c.expr == expr {
		s, err := c.s, c.err
		c.Unlock()
		return s, err
	}
	c.Unlock()
	s, err := parseSchedule(expr)
	c.Lock()
	c.expr, c.s, c.err, c.ok = expr, s, err, true
	c.Unlock()
	return s, err
}

func parseSchedule(expr string) (Schedule, error) {
	switch {
	case strings.HasPrefix(expr, "rate(") && strings.HasSuffix(expr, ")"):
		return parseRate(expr[len("rate(") : len(expr)-1])
	case strings.HasPrefix(expr, "cron(") && strings.HasSuffix(expr, ")"):
		return parseCron(expr[len("cron(") : len(expr)-1])
	}
	return Schedule{}, errors.New("must be rate(N days), rate(N hours) or cron(minutes hours day-of-month month day-of-week year)")
}

func parseRate(body string) (Schedule, error) {
	f := strings.Fields(body)
	if len(f) != 2 {
		return Schedule{}, errors.New("rate must be rate(N days) or rate(N hours), such as rate(30 days)")
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 {
		return Schedule{}, fmt.Errorf("rate value %q must be a whole number of at least 1", f[0])
	}
	var unit time.Duration
	switch f[1] {
	case "day", "days":
		if n > MaxAutomaticallyAfterDays {
			return Schedule{}, fmt.Errorf("rate must be at most %d days", MaxAutomaticallyAfterDays)
		}
		unit = 24 * time.Hour
	case "hour", "hours":
		if n > MaxAutomaticallyAfterDays*24 {
			return Schedule{}, fmt.Errorf("rate must be at most %d hours", MaxAutomaticallyAfterDays*24)
		}
		unit = time.Hour
	default:
		return Schedule{}, fmt.Errorf("rate unit %q must be days or hours", f[1])
	}
	d := time.Duration(n) * unit
	return Schedule{Kind: "rate", MinInterval: d, MaxInterval: d}, nil
}

// cronField is a parsed cron field: a bit set of allowed values plus the
// special day forms (L, W, #) that depend on the month.
type cronField struct {
	any  bool   // * or ?
	bits uint64 // allowed values
	last bool   // L in day-of-month: last day of the month
	// lastDow is a set of weekdays (bit = 1..7) for "5L": the last such weekday.
	lastDow uint8
	// nearestWeekday is the day for "15W", 0 when unused.
	nearestWeekday int
	// nth is "weekday#n" pairs, such as 6#3 for the third Friday.
	nth [][2]int
}

var monthNames = map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}
var dayNames = map[string]int{"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}

func parseCron(body string) (Schedule, error) {
	f := strings.Fields(body)
	if len(f) != 6 {
		return Schedule{}, fmt.Errorf("cron must have 6 fields (minutes hours day-of-month month day-of-week year), got %d", len(f))
	}
	minutes, err := parseCronField(f[0], "minutes", 0, 59, nil, false)
	if err != nil {
		return Schedule{}, err
	}
	hours, err := parseCronField(f[1], "hours", 0, 23, nil, false)
	if err != nil {
		return Schedule{}, err
	}
	dom, err := parseCronField(f[2], "day-of-month", 1, 31, nil, true)
	if err != nil {
		return Schedule{}, err
	}
	month, err := parseCronField(f[3], "month", 1, 12, monthNames, false)
	if err != nil {
		return Schedule{}, err
	}
	dow, err := parseCronField(f[4], "day-of-week", 1, 7, dayNames, true)
	if err != nil {
		return Schedule{}, err
	}
	years, err := parseYears(f[5])
	if err != nil {
		return Schedule{}, err
	}
	if (f[2] == "?") == (f[4] == "?") {
		return Schedule{}, errors.New("cron needs ? in exactly one of day-of-month and day-of-week")
	}

	// Times of day, in minutes since midnight, ascending.
	var times []int
	for h := 0; h < 24; h++ {
		if !hours.has(h) {
			continue
		}
		for m := 0; m < 60; m++ {
			if minutes.has(m) {
				times = append(times, h*60+m)
			}
		}
	}
	if len(times) == 0 {
		return Schedule{}, errors.New("cron never fires")
	}
	minGap, maxGap := time.Duration(1<<62), time.Duration(0)
	for i := 1; i < len(times); i++ {
		g := time.Duration(times[i]-times[i-1]) * time.Minute
		minGap, maxGap = min(minGap, g), max(maxGap, g)
	}

	// Walk the calendar day by day over two years from the first year the
	// expression allows, so month lengths, leap days and weekday patterns
	// all show up in the gaps.
	start := 2026
	if !years.any {
		start = years.first
	}
	prev := -1
	fired := 0
	t := time.Date(start, 1, 1, 0, 0, 0, 0, time.UTC)
	wd := int(t.Weekday()) + 1 // AWS numbers SUN as 1
	for day := 0; day < 731; day++ {
		y, mo, d := t.AddDate(0, 0, day).Date()
		if years.allows(y) && month.has(int(mo)) && dayMatches(dom, dow, y, mo, d, wd) {
			if prev >= 0 {
				g := time.Duration(day-prev)*24*time.Hour - time.Duration(times[len(times)-1]-times[0])*time.Minute
				minGap, maxGap = min(minGap, g), max(maxGap, g)
			}
			prev = day
			fired++
		}
		wd = wd%7 + 1
	}
	if fired == 0 {
		return Schedule{}, errors.New("cron never fires: no day matches its day, month and year fields")
	}
	if fired < 2 {
		return Schedule{}, errors.New("cron fires at most once in two years: rotation would effectively stop")
	}
	if !years.any {
		// A year list ends, and with it the rotation: the longest gap is
		// unbounded however often it fires until then.
		maxGap = never
	}
	return Schedule{Kind: "cron", MinInterval: minGap, MaxInterval: maxGap,
		LastStart: time.Duration(times[len(times)-1]) * time.Minute}, nil
}

func (f *cronField) has(v int) bool { return f.any || f.bits&(1<<uint(v)) != 0 }

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

func dayMatches(dom, dow *cronField, y int, mo time.Month, d, wd int) bool {
	if !dom.any {
		switch {
		case dom.last && d == daysIn(y, mo):
			return true
		case dom.nearestWeekday > 0 && d == nearestWeekday(y, mo, min(dom.nearestWeekday, daysIn(y, mo))):
			return true
		}
		return dom.bits&(1<<uint(d)) != 0
	}
	if dow.any || dow.bits&(1<<uint(wd)) != 0 {
		return true
	}
	if dow.lastDow&(1<<uint(wd)) != 0 && d+7 > daysIn(y, mo) {
		return true
	}
	for _, p := range dow.nth {
		if p[0] == wd && (d-1)/7+1 == p[1] {
			return true
		}
	}
	return false
}

// nearestWeekday implements "dW": the weekday closest to day d in the same month.
func nearestWeekday(y int, mo time.Month, d int) int {
	switch time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Weekday() {
	case time.Saturday:
		if d == 1 {
			return 3
		}
		return d - 1
	case time.Sunday:
		if d == daysIn(y, mo) {
			return d - 2
		}
		return d + 1
	}
	return d
}

func parseCronField(s, name string, lo, hi int, names map[string]int, day bool) (*cronField, error) {
	f := &cronField{}
	bad := func(detail string) error {
		return fmt.Errorf("cron %s field %q: %s", name, s, detail)
	}
	if s == "*" || (day && s == "?") {
		f.any = true
		return f, nil
	}
	if s == "?" {
		return nil, bad("? is only allowed in day-of-month and day-of-week")
	}
	num := func(t string) (int, error) {
		if v, ok := names[strings.ToUpper(t)]; ok {
			return v, nil
		}
		v, err := strconv.Atoi(t)
		if err != nil || v < lo || v > hi {
			return 0, bad(fmt.Sprintf("values must be %d-%d", lo, hi))
		}
		return v, nil
	}
	for _, item := range strings.Split(s, ",") {
		switch {
		case day && name == "day-of-month" && item == "L":
			f.last = true
			continue
		case day && name == "day-of-month" && strings.HasSuffix(item, "W"):
			v, err := num(strings.TrimSuffix(item, "W"))
			if err != nil {
				return nil, err
			}
			f.nearestWeekday = v
			continue
		case day && name == "day-of-week" && strings.HasSuffix(item, "L"):
			v := 7
			if item != "L" {
				var err error
				if v, err = num(strings.TrimSuffix(item, "L")); err != nil {
					return nil, err
				}
			}
			f.lastDow |= 1 << uint(v)
			continue
		case day && name == "day-of-week" && strings.Contains(item, "#"):
			a, b, _ := strings.Cut(item, "#")
			v, err := num(a)
			if err != nil {
				return nil, err
			}
			n, err := strconv.Atoi(b)
			if err != nil || n < 1 || n > 5 {
				return nil, bad("the number after # must be 1-5")
			}
			f.nth = append(f.nth, [2]int{v, n})
			continue
		}
		rng, step, hasStep := strings.Cut(item, "/")
		inc := 1
		if hasStep {
			var err error
			if inc, err = strconv.Atoi(step); err != nil || inc < 1 {
				return nil, bad("the step after / must be a whole number of at least 1")
			}
		}
		a, b := lo, hi
		switch {
		case rng == "*":
		case strings.Contains(rng, "-"):
			x, y, _ := strings.Cut(rng, "-")
			var err error
			if a, err = num(x); err != nil {
				return nil, err
			}
			if b, err = num(y); err != nil {
				return nil, err
			}
			if a > b {
				return nil, bad("a range must go from low to high")
			}
		default:
			v, err := num(rng)
			if err != nil {
				return nil, err
			}
			a = v
			if !hasStep {
				b = v
			}
		}
		for v := a; v <= b; v += inc {
			f.bits |= 1 << uint(v)
		}
	}
	return f, nil
}

type yearField struct {
	any   bool
	first int
	set   map[int]bool
}

func (y yearField) allows(v int) bool { return y.any || y.set[v] }

func parseYears(s string) (yearField, error) {
	if s == "*" {
		return yearField{any: true}, nil
	}
	bad := fmt.Errorf("cron year field %q: values must be 1970-2199, as a list, range or */step", s)
	y := yearField{set: map[int]bool{}}
	year := func(t string) (int, bool) {
		v, err := strconv.Atoi(t)
		return v, err == nil && v >= 1970 && v <= 2199
	}
	for _, item := range strings.Split(s, ",") {
		rng, step, hasStep := strings.Cut(item, "/")
		inc := 1
		if hasStep {
			var err error
			if inc, err = strconv.Atoi(step); err != nil || inc < 1 {
				return yearField{}, bad
			}
		}
		a, b := 1970, 2199
		if x, z, ok := strings.Cut(rng, "-"); ok {
			var okA, okB bool
			a, okA = year(x)
			b, okB = year(z)
			if !okA || !okB || a > b {
				return yearField{}, bad
			}
		} else if rng != "*" {
			var ok bool
			if a, ok = year(rng); !ok {
				return yearField{}, bad
			}
			if !hasStep {
				b = a
			}
		}
		for v := a; v <= b; v += inc {
			y.set[v] = true
			if y.first == 0 || v < y.first {
				y.first = v
			}
		}
	}
	return y, nil
}

// ValidateScheduleExpression checks a rotation schedule expression: its
// syntax and the 4-hour minimum between rotations.
func ValidateScheduleExpression(expr string) error {
	if expr == "" {
		return errors.New("must be rate(N days), rate(N hours) or cron(...), such as rate(30 days)")
	}
	if len(expr) > 256 {
		return errors.New("must be at most 256 characters")
	}
	s, err := ParseSchedule(expr)
	if err != nil {
		return err
	}
	if s.MinInterval < MinRotationInterval {
		return fmt.Errorf("rotations must be at least 4 hours apart; this schedule allows %s between them", shortInterval(s.MinInterval))
	}
	return nil
}

// shortInterval writes d, a gap shorter than a day between rotations, in
// hours and minutes, as people say it ("3 hours", "10 minutes", "1 hour
// and 30 minutes").
func shortInterval(d time.Duration) string {
	count := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return strconv.Itoa(n) + " " + unit + "s"
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0 && m == 0:
		return "less than a minute"
	case h == 0:
		return count(m, "minute")
	case m == 0:
		return count(h, "hour")
	}
	return count(h, "hour") + " and " + count(m, "minute")
}

// ValidateDuration checks a rotation window length: whole hours, 1h to 24h.
func ValidateDuration(d string) error {
	h, ok := strings.CutSuffix(d, "h")
	n, err := strconv.Atoi(h)
	if !ok || err != nil || h == "" || h[0] == '+' || h[0] == '-' || n < 1 || n > 24 {
		return errors.New("must be a whole number of hours from 1h to 24h, such as 2h")
	}
	return nil
}

// ValidateAutomaticallyAfterDays checks the simple day-count schedule.
func ValidateAutomaticallyAfterDays(days int) error {
	if days < 1 || days > MaxAutomaticallyAfterDays {
		return fmt.Errorf("must be 1-%d days", MaxAutomaticallyAfterDays)
	}
	return nil
}
