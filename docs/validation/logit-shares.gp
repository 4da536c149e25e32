# logit-shares.gp — written by mishi 0.1.0 (`mishi validate`).
# Run `gnuplot logit-shares.gp` in this folder: it draws the .svg and
# .png of the same name from the curves below (copied from
# curves.csv). Edit it freely; the data files are not touched.

# NA cells (no value) read as NaN: treat them as missing
set datafile missing NaN
# a datablock's first line names its columns; plots pick them by name
set datafile columnheaders

title = 'multinomial logit shares (McFadden 1974), without and with an outside good'
set linetype 5 lc rgb "#8c564b"

# series 1 (plot 1), 'firms only'
$s1 << EOD
x simulated theory
1 0.142591 0.142305
2 0.211833 0.212294
3 0.212169 0.212294
4 0.259388 0.259296
5 0.174019 0.173811
EOD

# series 2 (plot 1), 'outside good'
$s2 << EOD
x simulated theory
1 0.108304 0.108076
2 0.161284 0.161231
3 0.16121 0.161231
4 0.197285 0.196928
5 0.131655 0.132005
6 0.240262 0.240529
EOD

do for [format in "svg png"] {
  if (format eq "svg") {
    set terminal svg size 1000,600 dynamic noenhanced font "Sans,12" background "white"
  } else {
    set terminal pngcairo size 1000,600 noenhanced font "Sans,11" background "white"
  }
  set output 'logit-shares'.'.'.format
  set multiplot layout 1,1 title title font ",14"
  set lmargin at screen 0.09
  set rmargin at screen 0.73
  set key at screen 0.75, graph 0.5 left center vertical Left reverse samplen 3
  set grid lc rgb "#dddddd"
  set border lw 1.2
  # the data's own range, a margin so no point sits on the border
  set autoscale fix
  set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05

  # plot 1
  set xtics ("firm a" 1, "firm b" 2, "firm c" 3, "firm d" 4, "firm e" 5, "no purchase" 6)
  set xrange [0.5:6.5]
  set title 'shares of choices'
  set xlabel 'alternative'
  set ylabel 'share of choices'
  unset logscale x
  unset logscale y
  plot $s1 using "x":"simulated" with points ps 0.8 pt 7 lc 1 title 'firms only'.', simulated', \
       $s1 using "x":"theory" with points pt 6 ps 2 lw 1.5 lc 1 title 'firms only'.', theory', \
       $s2 using "x":"simulated" with points ps 0.8 pt 7 lc 2 title 'outside good'.', simulated', \
       $s2 using "x":"theory" with points pt 6 ps 2 lw 1.5 lc 2 title 'outside good'.', theory'
  set xtics autofreq
  set xrange [*:*]
  set autoscale xfix
  unset multiplot
  unset output
}
