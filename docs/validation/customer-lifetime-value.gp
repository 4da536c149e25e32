# customer-lifetime-value.gp — written by mishi 0.1.0 (`mishi validate`).
# Run `gnuplot customer-lifetime-value.gp` in this folder: it draws the .svg and
# .png of the same name from the curves below (copied from
# curves.csv). Edit it freely; the data files are not touched.

# NA cells (no value) read as NaN: treat them as missing
set datafile missing NaN
# a datablock's first line names its columns; plots pick them by name
set datafile columnheaders

title = 'customer-lifetime-value'.': '.'customer lifetime value m r / (1 + d - r) (Gupta & Lehmann 2003)'

# series 1 (plot 1), 'retained after k repeats'
$s1 << EOD
x simulated theory
0 1 1
1 0.800569 0.8
2 0.640525 0.64
3 0.512511 0.512
4 0.410165 0.4096
5 0.328248 0.32768
6 0.262587 0.262144
7 0.210295 0.209715
8 0.168071 0.167772
9 0.134354 0.134218
10 0.107558 0.107374
11 0.0859438 0.0858993
12 0.0687622 0.0687195
13 0.0550769 0.0549756
14 0.0440104 0.0439805
15 0.0352906 0.0351844
16 0.0283009 0.0281475
17 0.0226654 0.022518
18 0.0181006 0.0180144
19 0.0144762 0.0144115
20 0.0116244 0.0115292
21 0.00928126 0.00922337
22 0.00742014 0.0073787
23 0.00590825 0.00590296
24 0.0047598 0.00472237
EOD

do for [format in "svg png"] {
  if (format eq "svg") {
    set terminal svg size 1000,600 dynamic noenhanced font "Sans,12" background "white"
  } else {
    set terminal pngcairo size 1000,600 noenhanced font "Sans,11" background "white"
  }
  set output 'customer-lifetime-value'.'.'.format
  set multiplot layout 1,1 title title font ",14"
  set lmargin at screen 0.09
  set rmargin at screen 0.63
  set key at screen 0.65, graph 0.5 left center vertical Left reverse samplen 3
  set grid lc rgb "#dddddd"
  set border lw 1.2
  # the data's own range, a margin so no point sits on the border
  set autoscale fix
  set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05

  # plot 1
  set title 'retention'
  set xlabel 'repeat purchases k'
  set ylabel 'share of customers still retained'
  unset logscale x
  unset logscale y
  plot $s1 using "x":"simulated" with points pt 7 ps 0.8 lc 1 title 'retained after k repeats'.', simulated', \
       $s1 using "x":"theory" with lines lw 2 lc 1 title 'retained after k repeats'.', theory'
  unset multiplot
  unset output
}
