# customer-lifetime-value.gp — written by mishi 0.1.0 (`mishi validate`).
# Run `gnuplot customer-lifetime-value.gp` in this folder: it draws the .svg and
# .png of the same name from the curves below (copied from
# curves.csv). Edit it freely; the data files are not touched.

# NA cells (no value) read as NaN: treat them as missing
set datafile missing NaN
# a datablock's first line names its columns; plots pick them by name
set datafile columnheaders

title = 'customer lifetime value m r / (1 + d - r) (Gupta & Lehmann 2003)'
set linetype 5 lc rgb "#8c564b"

# series 1 (plot 1), 'value of the first k repeats'
$s1 << EOD
x simulated theory
0 0 0
1 0.792643 0.792079
2 1.42055 1.41947
3 1.91798 1.91641
4 2.31215 2.31003
5 2.62446 2.6218
6 2.87183 2.86876
7 3.06798 3.06436
8 3.22319 3.2193
9 3.34603 3.34202
10 3.4434 3.43922
11 3.52044 3.51621
12 3.58146 3.5772
13 3.62985 3.6255
14 3.66814 3.66377
15 3.69854 3.69407
16 3.72267 3.71808
17 3.74181 3.73709
18 3.75695 3.75215
19 3.76893 3.76408
20 3.77845 3.77353
21 3.78599 3.78101
22 3.79195 3.78694
23 3.79665 3.79164
24 3.8004 3.79536
25 3.80336 3.7983
26 3.80571 3.80063
27 3.80756 3.80248
28 3.80903 3.80395
29 3.81018 3.80511
30 3.81109 3.80602
31 3.81183 3.80675
32 3.81241 3.80733
33 3.81288 3.80779
34 3.81325 3.80815
35 3.81354 3.80843
36 3.81377 3.80866
37 3.81394 3.80884
38 3.81409 3.80898
39 3.81419 3.80909
40 3.81428 3.80918
EOD

# series 2 (plot 2), 'retained after k repeats'
$s2 << EOD
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

# series 3 (plot 3), 'revenue / units'
$s3 << EOD
x simulated theory
4.5 1.5 1.5
12.5 1.5 1.5
20.5 1.5 1.5
28.5 1.5 1.5
36.5 1.5 1.5
44.5 1.5 1.5
52.5 1.5 1.5
60.5 1.5 1.5
68.5 1.5 1.5
76.5 1.5 1.5
84.5 1.5 1.5
92.5 1.5 1.5
100.5 1.5 1.5
108.5 1.5 1.5
116.5 1.5 1.5
124.5 1.5 1.5
132.5 1.5 1.5
140.5 1.5 1.5
148.5 1.5 1.5
156.5 1.5 1.5
164.5 1.5 1.5
172.5 1.5 1.5
180.5 1.5 1.5
188.5 1.5 1.5
196.5 1.5 1.5
204.5 1.5 1.5
EOD

# series 4 (plot 3), 'cost / units'
$s4 << EOD
x simulated theory
4.5 0.5 0.5
12.5 0.5 0.5
20.5 0.5 0.5
28.5 0.5 0.5
36.5 0.5 0.5
44.5 0.5 0.5
52.5 0.5 0.5
60.5 0.5 0.5
68.5 0.5 0.5
76.5 0.5 0.5
84.5 0.5 0.5
92.5 0.5 0.5
100.5 0.5 0.5
108.5 0.5 0.5
116.5 0.5 0.5
124.5 0.5 0.5
132.5 0.5 0.5
140.5 0.5 0.5
148.5 0.5 0.5
156.5 0.5 0.5
164.5 0.5 0.5
172.5 0.5 0.5
180.5 0.5 0.5
188.5 0.5 0.5
196.5 0.5 0.5
204.5 0.5 0.5
EOD

# series 5 (plot 3), '(revenue - cost) / units'
$s5 << EOD
x simulated theory
4.5 1 1
12.5 1 1
20.5 1 1
28.5 1 1
36.5 1 1
44.5 1 1
52.5 1 1
60.5 1 1
68.5 1 1
76.5 1 1
84.5 1 1
92.5 1 1
100.5 1 1
108.5 1 1
116.5 1 1
124.5 1 1
132.5 1 1
140.5 1 1
148.5 1 1
156.5 1 1
164.5 1 1
172.5 1 1
180.5 1 1
188.5 1 1
196.5 1 1
204.5 1 1
EOD

do for [format in "svg png"] {
  if (format eq "svg") {
    set terminal svg size 1000,1400 dynamic noenhanced font "Sans,12" background "white"
  } else {
    set terminal pngcairo size 1000,1400 noenhanced font "Sans,11" background "white"
  }
  set output 'customer-lifetime-value'.'.'.format
  set multiplot layout 3,1 title title font ",14"
  set lmargin at screen 0.09
  set rmargin at screen 0.60
  set key at screen 0.62, graph 0.5 left center vertical Left reverse samplen 3
  set grid lc rgb "#dddddd"
  set border lw 1.2
  # the data's own range, a margin so no point sits on the border
  set autoscale fix
  set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05

  # plot 1
  set title 'lifetime value: mean discounted margin of the first k repeats'
  set xlabel 'repeat purchases k'
  set ylabel 'value per customer'
  unset logscale x
  unset logscale y
  plot $s1 using "x":"simulated" with points ps 0.8 pt 7 lc 1 title 'value of the first k repeats'.', simulated', \
       $s1 using "x":"theory" with lines lw 2 lc 1 title 'value of the first k repeats'.', theory'

  # plot 2
  set title 'retention r: customers still retained after k repeats, against r^k'
  set xlabel 'repeat purchases k'
  set ylabel 'share of customers still retained'
  unset logscale x
  unset logscale y
  plot $s2 using "x":"simulated" with points ps 0.8 pt 7 lc 1 title 'retained after k repeats'.', simulated', \
       $s2 using "x":"theory" with lines lw 2 lc 1 title 'retained after k repeats'.', theory'

  # plot 3
  set title 'margin m = price - cost_base: firm a''s books per unit sold'
  set xlabel 'week'
  set ylabel 'money per unit'
  unset logscale x
  unset logscale y
  plot $s3 using "x":"simulated" with points ps 0.8 pt 7 lc 1 title 'revenue / units'.', simulated', \
       $s3 using "x":"theory" with lines lw 2 lc 1 title 'revenue / units'.', theory', \
       $s4 using "x":"simulated" with points ps 0.8 pt 5 lc 2 title 'cost / units'.', simulated', \
       $s4 using "x":"theory" with lines lw 2 lc 2 title 'cost / units'.', theory', \
       $s5 using "x":"simulated" with points ps 0.8 pt 9 lc 3 title '(revenue - cost) / units'.', simulated', \
       $s5 using "x":"theory" with lines lw 2 lc 3 title '(revenue - cost) / units'.', theory'
  unset multiplot
  unset output
}
