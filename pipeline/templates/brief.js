
(function(){
var data=JSON.parse(document.getElementById('evidence').textContent);
var open=null;
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text)e.textContent=text;return e;}
function from(path){var d=data.docs[path]||{};var parts=[];if(d.site)parts.push(d.site);
if(d.title)parts.push('\u201c'+d.title+'\u201d');if(d.published)parts.push(d.published);
parts.push(path);return parts.join(' \u00b7 ');}
function close(){if(!open)return;open.panel.remove();open.button.setAttribute('aria-expanded','false');open=null;}
function show(b){var same=open&&open.button===b;close();if(same)return;
var key=b.dataset.path+'|'+b.dataset.start+'|'+b.dataset.end;var x=data.spans[key];if(!x)return;
var panel=el('div','evidence');panel.id='evidence-open';panel.setAttribute('role','region');
panel.setAttribute('aria-label','Cited source');panel.appendChild(el('p','from',from(b.dataset.path)));
var p=el('p');p.appendChild(document.createTextNode(x.p.slice(0,x.a)));
p.appendChild(el('mark','cited',x.p.slice(x.a,x.b)));p.appendChild(document.createTextNode(x.p.slice(x.b)));
panel.appendChild(p);var s=b.dataset.sentence!==undefined?data.sentences[+b.dataset.sentence]:null;
if(s&&s.method==='fused'){var n=s.sources.length;panel.appendChild(el('p','fusednote','Fused sentence: reworded from '+
(n===1?'this source sentence:':'these '+n+' source sentences:')));var ul=el('ul');s.sources.forEach(function(k){var y=data.spans[k];if(!y)return;
var li=el('li',null,y.p.slice(y.a,y.b));li.appendChild(el('span','muted',' \u2014 '+from(k.split('|')[0])));
ul.appendChild(li);});panel.appendChild(ul);}
var host=b.closest('li,.version,dd');host.appendChild(panel);b.setAttribute('aria-expanded','true');
b.setAttribute('aria-controls','evidence-open');open={button:b,panel:panel};}
document.querySelectorAll('button.cite').forEach(function(b){b.addEventListener('click',function(){show(b);});});
document.addEventListener('keydown',function(e){if(e.key==='Escape'&&open){var b=open.button;close();b.focus();}});
})();
