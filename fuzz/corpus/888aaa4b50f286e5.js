{const
if(t(origin))s.setHead\u0065r('Access-Control-Allow-Origin',q.header.origin)}