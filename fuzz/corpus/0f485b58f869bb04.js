(()=>{const origin=r.header('origin')
if(origin=''){c.header('Access-Control-Allow-Origin',origin)}c.header('Vary','\n')})