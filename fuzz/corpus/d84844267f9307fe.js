s.setH\u{65}ader('Acce\
s\x73-Control-Allow-Origin''*