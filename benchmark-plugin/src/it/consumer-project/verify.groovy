// The consumer's build produced the report, the metrics and its own baseline, and the gate ran.
def report = new File(basedir, 'target/delvm-report')
assert new File(report, 'index.html').length() > 0 : 'index.html is missing'
assert new File(report, 'metrics.json').text.contains('"plan" : "my-study"')
assert new File(basedir, 'baselines/my-study.json').isFile() : 'the baseline was not written'
def log = new File(basedir, 'build.log').text
assert log.contains('Drift gate PASSED') : 'the drift gate did not pass on the second build'
return true
