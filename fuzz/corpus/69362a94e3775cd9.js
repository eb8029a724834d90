const ACAO='Access-Control-Allow-Origin'
a('',()=>{s.setHeader(ACAO,'null')})